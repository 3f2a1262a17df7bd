import AccessInventory
import PolicyEvaluation
import PolicyModel

/// Whom a resource-based policy (a trust policy, a bucket, key or domain policy) names beyond
/// accounts. A principal it names by ARN may get an answer the other members of its class do
/// not, so it is asked on its own; the rest of the class shares one answer.
struct ResourcePolicyNames: Sendable {
    /// The policy could answer every principal differently (`NotPrincipal`, a condition on the
    /// caller's own keys): every principal is asked on its own.
    let everyoneAlone: Bool
    /// An `Allow` of the policy names everyone (`*`) or uses `NotPrincipal`: it may let in a
    /// principal whose own policies allow nothing. (A `Deny` naming `*`, the usual organization
    /// guard, lets no one in.)
    let open: Bool
    /// The `AWS` entry values that are not accounts or `*`, and their last path segments.
    let values: Set<String>
    let names: Set<String>

    init(_ policy: NamedPolicy?) {
        let statements = policy?.document.statements ?? []
        let elements = statements.compactMap(\.principal)
        everyoneAlone = elements.contains(where: \.isNot) || statements.contains(where: \.looksAtTheCaller)
        let allowing = statements.filter { $0.effect == .allow }.compactMap(\.principal)
        open = allowing.contains { $0.isNot || $0.isEveryone || $0.entries.contains { $0.awsForm == .everyone } }
        let named = elements.flatMap(\.entries).filter { entry in
            guard entry.kind == .aws else { return false }
            if case .account? = entry.awsForm { return false }
            return entry.awsForm != .everyone
        }
        values = Set(named.map(\.value))
        accounts = Set(allowing.flatMap(\.entries).compactMap { entry -> String? in
            if case .account(_, let account)? = entry.awsForm { return account }
            return nil
        })
        // A role's ARN may carry a path the entry leaves out, or the reverse: match by name too.
        names = Set(named.compactMap { $0.value.split(separator: "/").last.map(String.init) })
    }

    /// Whether the policy may name `principal` itself rather than its account.
    func names(_ principal: InventoryPrincipal) -> Bool {
        everyoneAlone || values.contains(principal.arn) || names.contains(principal.name)
    }

    /// `principals` split into those the policy may name itself (each asked on its own) and the
    /// others (who share one answer), each in order.
    func split(_ principals: [InventoryPrincipal]) -> (named: [InventoryPrincipal], others: [InventoryPrincipal]) {
        var named: [InventoryPrincipal] = []
        var others: [InventoryPrincipal] = []
        for principal in principals {
            if names(principal) { named.append(principal) } else { others.append(principal) }
        }
        return (named, others)
    }

    /// The accounts an `Allow` of the policy names as accounts: only their principals can be let in
    /// through them.
    let accounts: Set<String>
}
