import PolicyModel

/// `AWS::Cognito::IdentityPool`.
package struct CognitoIdentityPoolResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::Cognito::IdentityPool"]

    package struct UserPoolProvider: Sendable, Hashable {
        package var clientId: Located<String>?
        package var providerName: Located<String>?
        package var serverSideTokenCheck: Bool
        package var position: SourcePosition
    }

    package var logicalId: String
    package var position: SourcePosition
    /// The pool id, `<region>:⟦Ref.LogicalId⟧`: what trust policies compare with
    /// `cognito-identity.amazonaws.com:aud`.
    package var identityPoolId: String
    package var identityPoolName: String?
    package var allowUnauthenticatedIdentities: Bool
    package var allowClassicFlow: Bool
    package var cognitoIdentityProviders: [UserPoolProvider]
    /// Keys of `SupportedLoginProviders` (`graph.facebook.com`, …).
    package var supportedLoginProviders: [String]
    package var openIdConnectProviderARNs: [Located<String>]
    package var samlProviderARNs: [Located<String>]
    package var developerProviderName: String?

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        identityPoolName = reader.string("IdentityPoolName")?.value
        allowUnauthenticatedIdentities = reader.bool("AllowUnauthenticatedIdentities") ?? false
        allowClassicFlow = reader.bool("AllowClassicFlow") ?? false
        var providers: [UserPoolProvider] = []
        for item in resource.properties["CognitoIdentityProviders"]?.listValue ?? [] {
            providers.append(UserPoolProvider(
                clientId: reader.string("ClientId", in: item),
                providerName: reader.string("ProviderName", in: item),
                serverSideTokenCheck: reader.bool("ServerSideTokenCheck", in: item) ?? false,
                position: item.position))
        }
        cognitoIdentityProviders = providers
        supportedLoginProviders = reader.map("SupportedLoginProviders")?.mapValue?.map(\.key) ?? []
        openIdConnectProviderARNs = reader.stringList("OpenIdConnectProviderARNs")
        samlProviderARNs = reader.stringList("SamlProviderARNs")
        developerProviderName = reader.string("DeveloperProviderName")?.value
        try reader.finish()
        logicalId = resource.logicalId
        position = resource.position
        identityPoolId = resource.ref
    }
}

/// `AWS::Cognito::IdentityPoolRoleAttachment`: which roles an identity pool hands out.
package struct CognitoIdentityPoolRoleAttachmentResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::Cognito::IdentityPoolRoleAttachment"]

    package var logicalId: String
    package var position: SourcePosition
    package var identityPoolId: Located<String>
    package var authenticatedRoleArn: Located<String>?
    package var unauthenticatedRoleArn: Located<String>?
    /// True when `RoleMappings` is present (token- or rule-based role choice).
    package var hasRoleMappings: Bool

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let pool = reader.requiredString("IdentityPoolId")
        let roles = reader.map("Roles")
        authenticatedRoleArn = roles.flatMap { reader.string("authenticated", in: $0) }
        unauthenticatedRoleArn = roles.flatMap { reader.string("unauthenticated", in: $0) }
        hasRoleMappings = reader.map("RoleMappings") != nil
        try reader.finish()
        guard let pool else { throw reader.failure() }
        logicalId = resource.logicalId
        position = resource.position
        identityPoolId = pool
    }
}
