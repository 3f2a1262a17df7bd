import PolicyModel
import PolicyParsing

/// `AWS::OpenSearchService::Domain`.
package struct OpenSearchDomainResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::OpenSearchService::Domain"]

    package struct CognitoOptions: Sendable, Hashable {
        package var enabled: Bool
        package var identityPoolId: Located<String>?
        package var userPoolId: Located<String>?
        package var roleArn: Located<String>?
        package var position: SourcePosition
    }

    package struct AdvancedSecurityOptions: Sendable, Hashable {
        package var enabled: Bool
        package var internalUserDatabaseEnabled: Bool
        package var anonymousAuthEnabled: Bool
        /// `MasterUserOptions.MasterUserARN`.
        package var masterUserARN: Located<String>?
        package var position: SourcePosition
    }

    package var logicalId: String
    package var position: SourcePosition
    package var domainName: String
    package var arn: String
    package var engineVersion: String?
    /// `AccessPolicies`, when set on the domain itself (CDK sets it through a custom resource
    /// instead; see `OpenSearchAccessPolicyResource`).
    package var accessPolicies: PolicyDocument?
    package var cognito: CognitoOptions?
    package var advancedSecurity: AdvancedSecurityOptions?
    package var encryptionAtRestEnabled: Bool
    package var encryptionAtRestKmsKeyId: Located<String>?
    package var nodeToNodeEncryptionEnabled: Bool
    package var enforceHTTPS: Bool
    package var tlsSecurityPolicy: String?
    /// True when `VPCOptions` is present: the domain has no public endpoint.
    package var hasVPCOptions: Bool

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        engineVersion = reader.string("EngineVersion")?.value
        accessPolicies = reader.policy("AccessPolicies")
        if let node = reader.map("CognitoOptions") {
            cognito = CognitoOptions(
                enabled: reader.bool("Enabled", in: node) ?? false,
                identityPoolId: reader.string("IdentityPoolId", in: node),
                userPoolId: reader.string("UserPoolId", in: node),
                roleArn: reader.string("RoleArn", in: node),
                position: node.position)
        }
        if let node = reader.map("AdvancedSecurityOptions") {
            let master = reader.map("MasterUserOptions", in: node)
            advancedSecurity = AdvancedSecurityOptions(
                enabled: reader.bool("Enabled", in: node) ?? false,
                internalUserDatabaseEnabled: reader.bool("InternalUserDatabaseEnabled", in: node) ?? false,
                anonymousAuthEnabled: reader.bool("AnonymousAuthEnabled", in: node) ?? false,
                masterUserARN: master.flatMap { reader.string("MasterUserARN", in: $0) },
                position: node.position)
        }
        let encryption = reader.map("EncryptionAtRestOptions")
        encryptionAtRestEnabled = encryption.flatMap { reader.bool("Enabled", in: $0) } ?? false
        encryptionAtRestKmsKeyId = encryption.flatMap { reader.string("KmsKeyId", in: $0) }
        nodeToNodeEncryptionEnabled = reader.map("NodeToNodeEncryptionOptions").flatMap { reader.bool("Enabled", in: $0) } ?? false
        let endpoint = reader.map("DomainEndpointOptions")
        enforceHTTPS = endpoint.flatMap { reader.bool("EnforceHTTPS", in: $0) } ?? false
        tlsSecurityPolicy = endpoint.flatMap { reader.string("TLSSecurityPolicy", in: $0) }?.value
        hasVPCOptions = reader.map("VPCOptions") != nil
        try reader.finish()
        logicalId = resource.logicalId
        position = resource.position
        domainName = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
    }
}

/// CDK's `Custom::OpenSearchAccessPolicy` (and the older `Custom::ElasticsearchAccessPolicy`):
/// an AwsCustomResource calling `updateDomainConfig`. The domain access policy is a JSON string
/// (`parameters.AccessPolicies`) inside the JSON string of the `Create` and `Update` properties,
/// which CDK builds with `Fn::Join`. Positions point at the property holding the call.
package struct OpenSearchAccessPolicyResource: TemplateResourceView {
    package static let resourceTypes = ["Custom::OpenSearchAccessPolicy", "Custom::ElasticsearchAccessPolicy"]

    package var logicalId: String
    package var position: SourcePosition
    /// `parameters.DomainName` of the call: the domain's `Ref` value (its name or a token).
    package var domainName: Located<String>?
    /// The policy the `Create` call sets (or the `Update` call's when there is no `Create`).
    package var accessPolicy: PolicyDocument
    /// The policy the `Update` call sets, when present.
    package var updateAccessPolicy: PolicyDocument?

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let create = Self.call("Create", of: resource, reader: &reader)
        let update = Self.call("Update", of: resource, reader: &reader)
        if resource.properties["Create"] == nil, resource.properties["Update"] == nil {
            reader.missing("Create")
        }
        try reader.finish()
        guard let policy = create?.policy ?? update?.policy else { throw reader.failure() }
        logicalId = resource.logicalId
        position = resource.position
        domainName = create?.domainName ?? update?.domainName
        accessPolicy = policy
        updateAccessPolicy = update?.policy
    }

    private static func call(
        _ key: String, of resource: TemplateResource, reader: inout PropertyReader
    ) -> (policy: PolicyDocument, domainName: Located<String>?)? {
        guard let text = reader.string(key) else { return nil }
        let callNode: JSONNode
        do {
            callNode = try JSONReader.parse(text.value).relocated(to: text.position)
        } catch {
            let message = error.diagnostics.first?.message ?? "invalid JSON"
            reader.report("template.invalid-property", "`\(key)` of resource `\(resource.logicalId)` is not valid JSON: \(message)", at: text.position)
            return nil
        }
        let parameters = callNode["parameters"]
        let domainName = parameters?["DomainName"]?.stringValue.map { Located($0, at: text.position) }
        guard let policyNode = parameters?["AccessPolicies"] else {
            reader.report("template.missing-property", "the `\(key)` call of resource `\(resource.logicalId)` has no `parameters.AccessPolicies`", at: text.position)
            return nil
        }
        let policy = reader.policy(TemplateNode(json: policyNode))
        return policy.map { ($0, domainName) }
    }
}
