import PolicyParsing

/// A Query-protocol XML result as the AWS CLI prints it in JSON: `<member>` children make a list,
/// other children an object, text a string (or a boolean or number where the model says so). An
/// empty element is an empty list, an empty object or an empty string by its name, as the
/// service model declares it; only the shapes the audit saves are listed.
package enum QueryXMLConversion {
    static let lists: Set<String> = [
        "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies", "RolePolicyList", "UserPolicyList", "GroupPolicyList",
        "AttachedManagedPolicies", "InstanceProfileList", "Roles", "Tags", "PolicyVersionList", "GroupList",
    ]
    static let objects: Set<String> = ["RoleLastUsed", "PermissionsBoundary"]
    static let booleans: Set<String> = ["IsDefaultVersion", "IsAttachable", "IsTruncated"]
    static let integers: Set<String> = ["AttachmentCount", "PermissionsBoundaryUsageCount"]

    package static func json(_ tree: XMLTree) -> JSONOutput {
        if !tree.children.isEmpty {
            if tree.children.allSatisfy({ $0.name == "member" }) { return .array(tree.children.map(json)) }
            return .object(tree.children.map { ($0.name, json($0)) })
        }
        if tree.text.isEmpty {
            if lists.contains(tree.name) { return .array([]) }
            if objects.contains(tree.name) { return .object([]) }
        }
        if booleans.contains(tree.name), tree.text == "true" || tree.text == "false" { return .bool(tree.text == "true") }
        if integers.contains(tree.name), let number = Int(tree.text) { return .number(String(number)) }
        return .string(tree.text)
    }
}
