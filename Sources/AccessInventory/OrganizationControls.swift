import PolicyEvaluation
import PolicyModel

/// AWS Organizations' guardrails on one member account: its SCPs and RCPs, level by level from
/// the root down to the account, as the evaluator takes them (`PolicySet.serviceControlPolicies`,
/// `resourceControlPolicies`). A level the inputs cannot fill holds a policy whose statements
/// are unknown, with the command that would supply it, so what it could refuse stays
/// undetermined. The management account has none: SCPs and RCPs do not affect it.
package struct OrganizationControls: Sendable {
    /// The member account the levels are for.
    package var account: String
    package var serviceControlPolicies: [PolicyLevel]
    /// Empty when the organization uses no RCPs.
    package var resourceControlPolicies: [PolicyLevel]
    /// The service prefixes whose resources RCPs govern (the catalogue's); requests to other
    /// services' resources pass them by.
    package var resourceControlServices: Set<String>

    package init(account: String, serviceControlPolicies: [PolicyLevel], resourceControlPolicies: [PolicyLevel], resourceControlServices: Set<String>) {
        self.account = account
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
        self.resourceControlServices = resourceControlServices
    }

    /// The RCP levels for a request of `action` on a resource of `resourceAccount`: none when the
    /// resource is in another account or its service is not governed.
    package func resourceControlPolicies(action: String, resourceAccount: String?) -> [PolicyLevel] {
        guard resourceAccount == account, let service = action.split(separator: ":").first?.lowercased(),
              resourceControlServices.contains(service) else { return [] }
        return resourceControlPolicies
    }

    /// The SCP levels for a caller of `callerAccount` (a role or user; SCPs do not govern service
    /// principals, and the evaluator leaves service-linked roles out).
    package func serviceControlPolicies(callerAccount: String?) -> [PolicyLevel] {
        callerAccount == account ? serviceControlPolicies : []
    }
}
