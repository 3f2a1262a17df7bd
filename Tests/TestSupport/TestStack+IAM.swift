import PolicyParsing

/// Builders for IAM principals and policies. Principals and policy resources are named by
/// logical id; a name property is written only when given (CloudFormation generates it
/// otherwise, so the name is a `⟦Ref.X⟧` token).
extension TestStack {
    /// `AWS::IAM::Role`.
    /// - Parameters:
    ///   - policies: inline policies (`Policies`), named `Policy1`, `Policy2`, … unless `named(_:)`.
    ///   - managedPolicies: `ManagedPolicyArns`: `.awsManagedPolicy("AmazonS3ReadOnlyAccess")`, or
    ///     `.ref("MyManagedPolicy")` for one of the template.
    ///   - boundary: `PermissionsBoundary`, a managed policy ARN.
    package func role(
        _ logicalId: String, name: String? = nil, trust: TestPolicy, policies: [TestPolicy] = [], managedPolicies: [TestValue] = [],
        boundary: TestValue? = nil
    ) -> TestStack {
        var properties: [(String, JSONOutput)] = [("AssumeRolePolicyDocument", trust.json)]
        if let name { properties.append(("RoleName", .string(name))) }
        properties += Self.principalPolicies(policies, managedPolicies: managedPolicies, boundary: boundary)
        return adding(logicalId, type: "AWS::IAM::Role", properties: properties)
    }

    /// `AWS::IAM::User`.
    /// - Parameter groups: the logical ids of the template's groups the user belongs to.
    package func user(
        _ logicalId: String, name: String? = nil, groups: [String] = [], groupNames: [String] = [], policies: [TestPolicy] = [],
        managedPolicies: [TestValue] = [], boundary: TestValue? = nil
    ) -> TestStack {
        var properties: [(String, JSONOutput)] = []
        if let name { properties.append(("UserName", .string(name))) }
        // `groups` are the template's groups (by `Ref`), `groupNames` groups defined elsewhere.
        let memberships = groups.map { TestValue.ref($0).json } + groupNames.map(JSONOutput.string)
        if !memberships.isEmpty { properties.append(("Groups", .array(memberships))) }
        properties += Self.principalPolicies(policies, managedPolicies: managedPolicies, boundary: boundary)
        return adding(logicalId, type: "AWS::IAM::User", properties: properties)
    }

    /// `AWS::IAM::Group`.
    package func group(_ logicalId: String, name: String? = nil, policies: [TestPolicy] = [], managedPolicies: [TestValue] = []) -> TestStack {
        var properties: [(String, JSONOutput)] = []
        if let name { properties.append(("GroupName", .string(name))) }
        properties += Self.principalPolicies(policies, managedPolicies: managedPolicies, boundary: nil)
        return adding(logicalId, type: "AWS::IAM::Group", properties: properties)
    }

    /// `AWS::IAM::Policy`: `document` attached to the template's roles, users and groups (logical ids).
    package func policy(
        _ logicalId: String, name: String? = nil, _ document: TestPolicy, roles: [String] = [], users: [String] = [], groups: [String] = []
    ) -> TestStack {
        let properties: [(String, JSONOutput)] = [("PolicyName", .string(name ?? document.name ?? logicalId)), ("PolicyDocument", document.json)]
        return adding(logicalId, type: "AWS::IAM::Policy", properties: properties + Self.members(roles: roles, users: users, groups: groups))
    }

    /// `AWS::IAM::ManagedPolicy`: a customer managed policy; `.ref(logicalId)` is its ARN.
    package func managedPolicy(
        _ logicalId: String, name: String? = nil, _ document: TestPolicy, roles: [String] = [], users: [String] = [], groups: [String] = []
    ) -> TestStack {
        var properties: [(String, JSONOutput)] = []
        if let name { properties.append(("ManagedPolicyName", .string(name))) }
        properties.append(("PolicyDocument", document.json))
        return adding(logicalId, type: "AWS::IAM::ManagedPolicy", properties: properties + Self.members(roles: roles, users: users, groups: groups))
    }

    static func principalPolicies(_ policies: [TestPolicy], managedPolicies: [TestValue], boundary: TestValue?) -> [(String, JSONOutput)] {
        var properties: [(String, JSONOutput)] = []
        if !policies.isEmpty { properties.append(("Policies", .array(policies.enumerated().map { inlinePolicy($1, number: $0 + 1) }))) }
        if !managedPolicies.isEmpty { properties.append(("ManagedPolicyArns", .array(managedPolicies.map(\.json)))) }
        if let boundary { properties.append(("PermissionsBoundary", boundary.json)) }
        return properties
    }

    static func inlinePolicy(_ policy: TestPolicy, number: Int) -> JSONOutput {
        .object([("PolicyName", .string(policy.name ?? "Policy\(number)")), ("PolicyDocument", policy.json)])
    }

    /// `Roles`, `Users` and `Groups` of a policy resource: `Ref`s to the template's principals.
    static func members(roles: [String], users: [String], groups: [String]) -> [(String, JSONOutput)] {
        [("Roles", roles), ("Users", users), ("Groups", groups)].compactMap { key, logicalIds in
            logicalIds.isEmpty ? nil : (key, .array(logicalIds.map { TestValue.ref($0).json }))
        }
    }
}
