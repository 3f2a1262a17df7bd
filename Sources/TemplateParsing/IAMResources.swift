import PolicyModel

/// `AWS::IAM::Role`.
package struct IAMRoleResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::IAM::Role"]

    package var logicalId: String
    package var position: SourcePosition
    /// `RoleName`, or `⟦Ref.LogicalId⟧` when CloudFormation generates it.
    package var roleName: String
    package var arn: String
    package var path: String
    package var trustPolicy: PolicyDocument
    package var inlinePolicies: [InlinePolicy]
    package var managedPolicyArns: [Located<String>]
    package var permissionsBoundary: Located<String>?

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let trust = reader.requiredPolicy("AssumeRolePolicyDocument")
        path = reader.string("Path")?.value ?? "/"
        inlinePolicies = reader.inlinePolicies()
        managedPolicyArns = reader.stringList("ManagedPolicyArns")
        permissionsBoundary = reader.string("PermissionsBoundary")
        try reader.finish()
        guard let trust else { throw reader.failure() }
        logicalId = resource.logicalId
        position = resource.position
        roleName = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
        trustPolicy = trust
    }
}

/// `AWS::IAM::Policy`: an inline policy attached to roles, users or groups.
package struct IAMPolicyResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::IAM::Policy"]

    package var logicalId: String
    package var position: SourcePosition
    package var policyName: String
    package var document: PolicyDocument
    /// Resolved `Ref`s: role names, user names and group names (or their tokens).
    package var roles: [Located<String>]
    package var users: [Located<String>]
    package var groups: [Located<String>]

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let name = reader.requiredString("PolicyName")
        let document = reader.requiredPolicy("PolicyDocument")
        roles = reader.stringList("Roles")
        users = reader.stringList("Users")
        groups = reader.stringList("Groups")
        try reader.finish()
        guard let name, let document else { throw reader.failure() }
        logicalId = resource.logicalId
        position = resource.position
        policyName = name.value
        self.document = document
    }
}

/// `AWS::IAM::ManagedPolicy`: a customer managed policy; `Ref` is its ARN.
package struct IAMManagedPolicyResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::IAM::ManagedPolicy"]

    package var logicalId: String
    package var position: SourcePosition
    /// `ManagedPolicyName`, or `⟦Ref.LogicalId⟧` when generated.
    package var policyName: String
    package var arn: String
    package var path: String
    package var document: PolicyDocument
    package var roles: [Located<String>]
    package var users: [Located<String>]
    package var groups: [Located<String>]

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let name = reader.string("ManagedPolicyName")
        path = reader.string("Path")?.value ?? "/"
        let document = reader.requiredPolicy("PolicyDocument")
        roles = reader.stringList("Roles")
        users = reader.stringList("Users")
        groups = reader.stringList("Groups")
        try reader.finish()
        guard let document else { throw reader.failure() }
        logicalId = resource.logicalId
        position = resource.position
        policyName = name?.value ?? SymbolToken.resource(resource.label)
        arn = resource.arn ?? resource.ref
        self.document = document
    }
}

/// `AWS::IAM::User`.
package struct IAMUserResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::IAM::User"]

    package var logicalId: String
    package var position: SourcePosition
    package var userName: String
    package var arn: String
    package var path: String
    package var inlinePolicies: [InlinePolicy]
    package var managedPolicyArns: [Located<String>]
    /// Group names (or tokens) the user belongs to.
    package var groups: [Located<String>]
    package var permissionsBoundary: Located<String>?

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        path = reader.string("Path")?.value ?? "/"
        inlinePolicies = reader.inlinePolicies()
        managedPolicyArns = reader.stringList("ManagedPolicyArns")
        groups = reader.stringList("Groups")
        permissionsBoundary = reader.string("PermissionsBoundary")
        try reader.finish()
        logicalId = resource.logicalId
        position = resource.position
        userName = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
    }
}

/// `AWS::IAM::Group`.
package struct IAMGroupResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::IAM::Group"]

    package var logicalId: String
    package var position: SourcePosition
    package var groupName: String
    package var arn: String
    package var path: String
    package var inlinePolicies: [InlinePolicy]
    package var managedPolicyArns: [Located<String>]

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        path = reader.string("Path")?.value ?? "/"
        inlinePolicies = reader.inlinePolicies()
        managedPolicyArns = reader.stringList("ManagedPolicyArns")
        try reader.finish()
        logicalId = resource.logicalId
        position = resource.position
        groupName = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
    }
}
