import AccountSnapshot
import PolicyEvaluation
import PolicyModel

/// Reads an account snapshot (`aws iam get-account-authorization-details`) into an inventory:
/// its roles with every policy that applies to them.
package enum SnapshotInventory {
    /// - Parameter directory: where managed policies are looked up; the snapshot's own copies are
    ///   added to it first.
    package static func build(_ snapshot: AccountSnapshot, directory: ManagedPolicyDirectory) -> Inventory {
        var directory = directory
        directory.add(snapshot)
        var inventory = Inventory(name: snapshot.file)
        for role in snapshot.roles {
            let location = SourceLocation(file: snapshot.file, position: role.position)
            var policies = role.inlinePolicies.map { policy in
                AttachedPolicy(policy: NamedPolicy(id: "\(role.name).\(policy.name)", document: policy.document), attachment: .inline(name: policy.name),
                               location: location)
            }
            var unresolved: [UnresolvedPolicy] = []
            for attached in role.attachedPolicies {
                directory.attach(attached.arn, at: location, into: &policies, unresolved: &unresolved)
            }
            let boundary = directory.boundary(role.permissionsBoundaryArn, at: location, unresolved: &unresolved)
            inventory.principals.append(InventoryPrincipal(
                kind: .role, label: role.name, name: role.name, arn: role.arn, location: location,
                trust: NamedPolicy(id: "\(role.name).AssumeRolePolicyDocument", document: role.trust),
                policies: policies, boundary: boundary, unresolved: unresolved))
        }
        return inventory
    }
}
