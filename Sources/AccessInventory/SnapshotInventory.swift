import AccountSnapshot
import PolicyEvaluation
import PolicyModel

/// Reads an account snapshot (`aws iam get-account-authorization-details`) into an inventory:
/// its roles (with their instance profiles), its groups, and its users with their groups'
/// policies, so the graph has edges from the people who deploy.
package struct SnapshotInventory {
    let snapshot: AccountSnapshot
    let directory: ManagedPolicyDirectory

    /// - Parameter directory: where managed policies are looked up; it must already hold the
    ///   snapshot's own copies (`StackLoader` adds them after the template's).
    package static func build(_ snapshot: AccountSnapshot, directory: ManagedPolicyDirectory) -> Inventory {
        SnapshotInventory(snapshot: snapshot, directory: directory).read()
    }

    func location(_ position: SourcePosition) -> SourceLocation {
        SourceLocation(file: snapshot.file, position: position)
    }

    func read() -> Inventory {
        var inventory = Inventory(name: snapshot.file)
        var groups: [String: InventoryGroup] = [:]
        for group in snapshot.groups {
            var unresolved: [UnresolvedPolicy] = []
            let policies = attachments(owner: group.name, inline: group.inlinePolicies, attached: group.attachedPolicies, at: group.position,
                                       unresolved: &unresolved)
            let entry = InventoryGroup(label: group.name, name: group.name, arn: group.arn, location: location(group.position),
                                       policies: policies, unresolved: unresolved)
            groups[group.name] = entry
            inventory.groups.append(entry)
        }
        for role in snapshot.roles {
            var unresolved: [UnresolvedPolicy] = []
            let policies = attachments(owner: role.name, inline: role.inlinePolicies, attached: role.attachedPolicies, at: role.position,
                                       unresolved: &unresolved)
            let boundary = directory.boundary(role.permissionsBoundaryArn, at: location(role.position), unresolved: &unresolved)
            inventory.principals.append(InventoryPrincipal(
                kind: .role, label: role.name, name: role.name, arn: role.arn, location: location(role.position),
                trust: NamedPolicy(id: "\(role.name).AssumeRolePolicyDocument", document: role.trust),
                policies: policies, boundary: boundary, unresolved: unresolved, instanceProfiles: role.instanceProfiles.map(\.name)))
        }
        for user in snapshot.users {
            var unresolved: [UnresolvedPolicy] = []
            var policies = attachments(owner: user.name, inline: user.inlinePolicies, attached: user.attachedPolicies, at: user.position,
                                       unresolved: &unresolved)
            for name in user.groupNames {
                guard let group = groups[name] else {
                    unresolved.append(UnresolvedPolicy(arn: name, role: .groupPolicies, location: location(user.position)))
                    continue
                }
                group.extend(&policies, unresolved: &unresolved)
            }
            let boundary = directory.boundary(user.permissionsBoundaryArn, at: location(user.position), unresolved: &unresolved)
            inventory.principals.append(InventoryPrincipal(
                kind: .user, label: user.name, name: user.name, arn: user.arn, location: location(user.position),
                policies: policies, boundary: boundary, unresolved: unresolved, groups: user.groupNames))
        }
        return inventory
    }

    /// A principal's inline policies (named `Owner.PolicyName`) and its attached managed policies.
    func attachments(
        owner: String, inline: [AccountSnapshot.NamedDocument], attached: [AccountSnapshot.AttachedPolicy], at position: SourcePosition,
        unresolved: inout [UnresolvedPolicy]
    ) -> [AttachedPolicy] {
        var policies = inline.map { policy in
            AttachedPolicy(policy: NamedPolicy(id: "\(owner).\(policy.name)", document: policy.document), attachment: .inline(name: policy.name),
                           location: location(position))
        }
        for policy in attached {
            directory.attach(policy.arn, at: location(policy.position), into: &policies, unresolved: &unresolved)
        }
        return policies
    }
}
