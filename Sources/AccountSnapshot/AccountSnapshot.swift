import PolicyModel
import PolicyParsing

/// An account as `aws iam get-account-authorization-details` prints it: roles, users and groups
/// with their inline and attached policies, and the managed policies with their versions.
/// Documents may be JSON objects (the CLI) or URL-encoded JSON strings (the raw API); both are read,
/// and every position is one in the file (a URL-encoded document's statements all point at its
/// string). Lists are sorted by ARN; lookups go through indexes built once at load, because
/// stack analysis asks for a managed policy per attachment.
package struct AccountSnapshot: Sendable {
    /// An inline policy (`RolePolicyList`, `UserPolicyList`, `GroupPolicyList`).
    package struct NamedDocument: Sendable {
        package var name: String
        package var document: PolicyDocument
    }

    /// A managed policy attached to a role, user or group (`AttachedManagedPolicies`).
    package struct AttachedPolicy: Sendable {
        package var name: String
        package var arn: String
        /// The attachment entry in the file.
        package var position: SourcePosition
    }

    /// An instance profile the role belongs to (`InstanceProfileList`), through which EC2
    /// instances assume the role.
    package struct InstanceProfile: Sendable {
        package var name: String
        package var arn: String
        package var path: String
        package var position: SourcePosition
    }

    /// `RoleLastUsed`, as written (IAM tracks the last 400 days).
    package struct RoleLastUsed: Sendable {
        /// ISO 8601, as IAM prints it.
        package var date: String?
        package var region: String?
    }

    package struct Role: Sendable {
        package var name: String
        package var arn: String
        package var path: String
        /// The role's entry in `RoleDetailList`.
        package var position: SourcePosition
        package var trust: PolicyDocument
        package var inlinePolicies: [NamedDocument]
        package var attachedPolicies: [AttachedPolicy]
        package var permissionsBoundaryArn: String?
        package var instanceProfiles: [InstanceProfile]
        package var tags: [String: String]
        /// Nil when the file does not say, or the role was not used in the tracked period.
        package var lastUsed: RoleLastUsed?
    }

    package struct User: Sendable {
        package var name: String
        package var arn: String
        package var path: String
        /// The user's entry in `UserDetailList`.
        package var position: SourcePosition
        package var inlinePolicies: [NamedDocument]
        package var attachedPolicies: [AttachedPolicy]
        /// `GroupList`, in file order; `AccountSnapshot.group(named:)` resolves each.
        package var groupNames: [String]
        package var permissionsBoundaryArn: String?
        package var tags: [String: String]
    }

    package struct Group: Sendable {
        package var name: String
        package var arn: String
        package var path: String
        /// The group's entry in `GroupDetailList`.
        package var position: SourcePosition
        package var inlinePolicies: [NamedDocument]
        package var attachedPolicies: [AttachedPolicy]
    }

    /// A managed policy from `Policies` (customer managed, and AWS managed ones the file includes).
    package struct ManagedPolicy: Sendable {
        /// One entry of `PolicyVersionList`. Only the default version's document is parsed: the
        /// others do not apply, and an old malformed version must not make the account unreadable.
        package struct Version: Sendable {
            package var id: String
            package var isDefault: Bool
            /// The version's entry in the file, so a later reader can find its document.
            package var position: SourcePosition
        }

        package var name: String
        package var arn: String
        package var path: String
        /// The policy's entry in `Policies`.
        package var position: SourcePosition
        /// The default version's document; nil when the file lists no versions.
        package var document: PolicyDocument?
        /// Every version, in file order.
        package var versions: [Version]

        package var defaultVersion: Version? { versions.first { $0.isDefault } }
    }

    package let file: String
    package let roles: [Role]
    package let users: [User]
    package let groups: [Group]
    package let policies: [ManagedPolicy]

    private let roleIndexByArn: [String: Int]
    private let userIndexByArn: [String: Int]
    private let groupIndexByName: [String: Int]
    private let policyIndexByArn: [String: Int]

    package func managedPolicy(arn: String) -> ManagedPolicy? { policyIndexByArn[arn].map { policies[$0] } }
    package func role(arn: String) -> Role? { roleIndexByArn[arn].map { roles[$0] } }
    package func user(arn: String) -> User? { userIndexByArn[arn].map { users[$0] } }
    package func group(named name: String) -> Group? { groupIndexByName[name].map { groups[$0] } }

    package static func load(bytes: [UInt8], file: String) throws(DiagnosticError) -> AccountSnapshot {
        do {
            return try AccountSnapshot(root: JSONReader.parse(bytes: bytes), file: file)
        } catch {
            throw error.located(in: file)
        }
    }

    init(root: JSONNode, file: String) throws(DiagnosticError) {
        let reader = try SnapshotReader(root: root)
        self.file = file
        roles = try reader.roles().sorted { $0.arn < $1.arn }
        users = try reader.users().sorted { $0.arn < $1.arn }
        groups = try reader.groups().sorted { $0.arn < $1.arn }
        policies = try reader.policies().sorted { $0.arn < $1.arn }
        roleIndexByArn = try Self.index(roles, by: \.arn, position: \.position, naming: "role ARN")
        userIndexByArn = try Self.index(users, by: \.arn, position: \.position, naming: "user ARN")
        groupIndexByName = try Self.index(groups, by: \.name, position: \.position, naming: "group name")
        policyIndexByArn = try Self.index(policies, by: \.arn, position: \.position, naming: "policy ARN")
    }

    /// Offsets by key. A key written twice is an error: which entry a lookup would return would
    /// otherwise depend on the order of the file.
    private static func index<Entry>(
        _ entries: [Entry], by key: KeyPath<Entry, String>, position: KeyPath<Entry, SourcePosition>, naming what: String
    ) throws(DiagnosticError) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (offset, entry) in entries.enumerated() {
            guard let earlier = index.updateValue(offset, forKey: entry[keyPath: key]) else { continue }
            let positions = [entries[earlier][keyPath: position], entry[keyPath: position]].sorted()
            throw DiagnosticError(Diagnostic(
                severity: .error, code: "snapshot.invalid",
                message: "\(what) `\(entry[keyPath: key])` is listed twice (first at \(positions[0]))", position: positions[1]))
        }
        return index
    }
}
