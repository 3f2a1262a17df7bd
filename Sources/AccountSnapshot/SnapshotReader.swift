import PolicyModel
import PolicyParsing

/// Reads the four sections of a `get-account-authorization-details` file into the snapshot's
/// values. Every wrong shape is a `snapshot.invalid` error at the offending value: a section that
/// cannot be read must never pass for an account without roles, users, groups or policies.
/// Absent lists and paths are accepted (hand-written and filtered files omit them), with IAM's
/// defaults.
struct SnapshotReader {
    private static let sections = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"]

    private let root: JSONNode

    init(root: JSONNode) throws(DiagnosticError) {
        guard root.objectValue != nil else { throw root.invalid("an account snapshot must be a JSON object, found \(root.typeName)") }
        guard Self.sections.contains(where: { root[$0] != nil }) else {
            throw root.invalid("not a `get-account-authorization-details` file: it has none of "
                + Self.sections.map { "`\($0)`" }.joined(separator: ", "))
        }
        self.root = root
    }

    func roles() throws(DiagnosticError) -> [AccountSnapshot.Role] {
        try root.objects("RoleDetailList").map { entry throws(DiagnosticError) in
            AccountSnapshot.Role(
                name: try entry.string("RoleName"), arn: try entry.string("Arn"), path: try Self.path(of: entry),
                position: entry.position,
                trust: try PolicyDocumentField.document(entry.member("AssumeRolePolicyDocument")),
                inlinePolicies: try Self.inlinePolicies(entry, "RolePolicyList"),
                attachedPolicies: try Self.attachedPolicies(entry),
                permissionsBoundaryArn: try Self.permissionsBoundaryArn(entry),
                instanceProfiles: try entry.objects("InstanceProfileList").map { profile throws(DiagnosticError) in
                    AccountSnapshot.InstanceProfile(
                        name: try profile.string("InstanceProfileName"), arn: try profile.string("Arn"),
                        path: try Self.path(of: profile), position: profile.position)
                },
                tags: try Self.tags(entry),
                lastUsed: try Self.lastUsed(entry))
        }
    }

    func users() throws(DiagnosticError) -> [AccountSnapshot.User] {
        try root.objects("UserDetailList").map { entry throws(DiagnosticError) in
            AccountSnapshot.User(
                name: try entry.string("UserName"), arn: try entry.string("Arn"), path: try Self.path(of: entry),
                position: entry.position,
                inlinePolicies: try Self.inlinePolicies(entry, "UserPolicyList"),
                attachedPolicies: try Self.attachedPolicies(entry),
                groupNames: try entry.strings("GroupList"),
                permissionsBoundaryArn: try Self.permissionsBoundaryArn(entry),
                tags: try Self.tags(entry))
        }
    }

    func groups() throws(DiagnosticError) -> [AccountSnapshot.Group] {
        try root.objects("GroupDetailList").map { entry throws(DiagnosticError) in
            AccountSnapshot.Group(
                name: try entry.string("GroupName"), arn: try entry.string("Arn"), path: try Self.path(of: entry),
                position: entry.position,
                inlinePolicies: try Self.inlinePolicies(entry, "GroupPolicyList"),
                attachedPolicies: try Self.attachedPolicies(entry))
        }
    }

    func policies() throws(DiagnosticError) -> [AccountSnapshot.ManagedPolicy] {
        try root.objects("Policies").map { entry throws(DiagnosticError) in
            let versionEntries = try entry.objects("PolicyVersionList")
            var versions: [AccountSnapshot.ManagedPolicy.Version] = []
            for version in versionEntries {
                versions.append(.init(
                    id: try version.string("VersionId"), isDefault: try version.bool("IsDefaultVersion") ?? false,
                    position: version.position))
            }
            let defaultOffset = try Self.defaultVersionOffset(versions, of: entry)
            if let defaultOffset { versions[defaultOffset].isDefault = true }
            let arn = try entry.string("Arn")
            // AWS prints `PolicyName`; some tools that imitate it (moto) leave it out, and the
            // ARN's last segment is the name.
            let name = try entry.optionalString("PolicyName") ?? String(arn.split(separator: "/").last ?? Substring(arn))
            return AccountSnapshot.ManagedPolicy(
                name: name, arn: arn, path: try Self.path(of: entry),
                position: entry.position,
                document: try defaultOffset.map { offset throws(DiagnosticError) in
                    try PolicyDocumentField.document(versionEntries[offset].member("Document"))
                },
                versions: versions)
        }
    }

    /// Which version applies: the one marked `IsDefaultVersion`, else the one `DefaultVersionId`
    /// names, else the only one. Anything the file leaves ambiguous or contradictory is an error,
    /// since guessing would evaluate a policy that is not in force.
    private static func defaultVersionOffset(
        _ versions: [AccountSnapshot.ManagedPolicy.Version], of entry: JSONNode
    ) throws(DiagnosticError) -> Int? {
        let marked = versions.indices.filter { versions[$0].isDefault }
        if marked.count > 1 {
            throw DiagnosticError(Diagnostic(
                severity: .error, code: "snapshot.invalid",
                message: "more than one version is marked `IsDefaultVersion` (also at \(versions[marked[0]].position))",
                position: versions[marked[1]].position))
        }
        let named = try entry.optionalString("DefaultVersionId")
        if let offset = marked.first {
            if let named, named != versions[offset].id {
                throw try entry.member("DefaultVersionId").invalid(
                    "`DefaultVersionId` is `\(named)` but version `\(versions[offset].id)` is marked `IsDefaultVersion`")
            }
            return offset
        }
        if let named {
            guard let offset = versions.firstIndex(where: { $0.id == named }) else {
                if versions.isEmpty { return nil }
                throw entry.invalid("`DefaultVersionId` `\(named)` is not in `PolicyVersionList`")
            }
            return offset
        }
        if versions.count > 1 { throw entry.invalid("no version is marked `IsDefaultVersion` and there is no `DefaultVersionId`") }
        return versions.indices.first
    }

    private static func path(of entry: JSONNode) throws(DiagnosticError) -> String {
        try entry.optionalString("Path") ?? "/"
    }

    private static func inlinePolicies(_ entry: JSONNode, _ key: String) throws(DiagnosticError) -> [AccountSnapshot.NamedDocument] {
        try entry.objects(key).map { policy throws(DiagnosticError) in
            AccountSnapshot.NamedDocument(
                name: try policy.string("PolicyName"), document: try PolicyDocumentField.document(policy.member("PolicyDocument")))
        }
    }

    private static func attachedPolicies(_ entry: JSONNode) throws(DiagnosticError) -> [AccountSnapshot.AttachedPolicy] {
        try entry.objects("AttachedManagedPolicies").map { policy throws(DiagnosticError) in
            AccountSnapshot.AttachedPolicy(name: try policy.string("PolicyName"), arn: try policy.string("PolicyArn"), position: policy.position)
        }
    }

    private static func permissionsBoundaryArn(_ entry: JSONNode) throws(DiagnosticError) -> String? {
        try entry.object("PermissionsBoundary")?.string("PermissionsBoundaryArn")
    }

    private static func tags(_ entry: JSONNode) throws(DiagnosticError) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in try entry.objects("Tags") {
            let key = try tag.string("Key")
            if tags.updateValue(try tag.string("Value"), forKey: key) != nil { throw tag.invalid("tag `\(key)` is listed twice") }
        }
        return tags
    }

    private static func lastUsed(_ entry: JSONNode) throws(DiagnosticError) -> AccountSnapshot.RoleLastUsed? {
        guard let lastUsed = try entry.object("RoleLastUsed") else { return nil }
        let date = try lastUsed.optionalString("LastUsedDate")
        let region = try lastUsed.optionalString("Region")
        // IAM prints `{}` for a role it has not seen used.
        return date == nil && region == nil ? nil : AccountSnapshot.RoleLastUsed(date: date, region: region)
    }
}

/// Typed member access for snapshot entries. A member that is present must have the documented
/// type; each accessor names the member and the type it found.
extension JSONNode {
    func invalid(_ message: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: "snapshot.invalid", message: message, position: position))
    }

    func member(_ key: String) throws(DiagnosticError) -> JSONNode {
        guard let member = self[key] else { throw invalid("`\(key)` is required") }
        return member
    }

    func string(_ key: String) throws(DiagnosticError) -> String {
        let member = try member(key)
        guard let text = member.stringValue else { throw member.invalid("`\(key)` must be a string, found \(member.typeName)") }
        return text
    }

    /// Optional members may be absent or `null` (REST-JSON services write `null` for unset ones).
    func optionalString(_ key: String) throws(DiagnosticError) -> String? {
        guard let member = self[key], !member.isNull else { return nil }
        return try string(key)
    }

    func bool(_ key: String) throws(DiagnosticError) -> Bool? {
        guard let member = self[key], !member.isNull else { return nil }
        guard case .bool(let value) = member.value else { throw member.invalid("`\(key)` must be a boolean, found \(member.typeName)") }
        return value
    }

    func object(_ key: String) throws(DiagnosticError) -> JSONNode? {
        guard let member = self[key], !member.isNull else { return nil }
        guard member.objectValue != nil else { throw member.invalid("`\(key)` must be an object, found \(member.typeName)") }
        return member
    }

    /// The entries of the list `key` (none when it is absent), each an object.
    func objects(_ key: String) throws(DiagnosticError) -> [JSONNode] {
        let items = try list(key)
        if let item = items.first(where: { $0.objectValue == nil }) {
            throw item.invalid("each `\(key)` entry must be an object, found \(item.typeName)")
        }
        return items
    }

    /// The entries of the list `key` (none when it is absent), each a string.
    func strings(_ key: String) throws(DiagnosticError) -> [String] {
        try list(key).map { item throws(DiagnosticError) in
            guard let text = item.stringValue else { throw item.invalid("each `\(key)` entry must be a string, found \(item.typeName)") }
            return text
        }
    }

    private func list(_ key: String) throws(DiagnosticError) -> [JSONNode] {
        guard let member = self[key] else { return [] }
        guard let items = member.arrayValue else { throw member.invalid("`\(key)` must be a list, found \(member.typeName)") }
        return items
    }
}
