import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `can-act`: which actions each principal may perform on each target, through its own
/// policies and the target's resource-based policy.
struct ResourceAccessEdgeChecker: EdgeChecker {
    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        var edges: [AccessGraph.Edge] = []
        for principal in context.inventory.principals {
            for target in context.targets {
                var policies = principal.identityPolicies
                policies.resource = target.policy
                policies.s3RestrictPublicBuckets = target.restrictPublicBuckets
                var allowed: [String] = []
                var undetermined: [String] = []
                var evidence: Set<StatementRef> = []
                for action in target.actions {
                    let result = context.authorizer.authorize(principal.request(action, on: target.arn), policies: policies)
                    switch GraphContext.status(result) {
                    case .allowed?: allowed.append(action)
                    case .undetermined?: undetermined.append("`\(action)` (\(result.undetermined?.dependencies.joined(separator: "; ") ?? ""))")
                    case nil: continue
                    }
                    evidence.formUnion(GraphContext.evidence(result))
                }
                guard !allowed.isEmpty || !undetermined.isEmpty else { continue }
                var reason = "\(allowed.count) of \(target.actions.count) actions allowed"
                if !undetermined.isEmpty { reason += "; undetermined: " + undetermined.joined(separator: ", ") }
                let actions = target.actions.filter { action in allowed.contains(action) || undetermined.contains { $0.hasPrefix("`\(action)`") } }
                edges.append(AccessGraph.Edge(from: principal.arn, to: target.id, kind: .canAct, actions: actions,
                                              status: undetermined.isEmpty ? .allowed : .undetermined, reason: reason, evidence: evidence.sorted()))
            }
        }
        return edges
    }
}
