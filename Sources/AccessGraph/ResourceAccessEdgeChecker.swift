import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `can-act`: which actions each principal may perform on each target, through its own
/// policies and the target's resource-based policy.
struct ResourceAccessEdgeChecker: EdgeChecker {
    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        var edges: [AccessGraph.Edge] = []
        for principal in context.inventory.principals {
            // The principal's request differs per target only in action and resource.
            let template = principal.request("", on: "")
            for target in context.targets {
                var policies = principal.identityPolicies
                policies.resource = target.policy
                policies.s3RestrictPublicBuckets = target.restrictPublicBuckets
                var actions: [String] = []
                var undetermined: [String] = []
                var evidence: Set<StatementRef> = []
                for action in target.actions {
                    var request = template
                    request.action = action
                    request.resource = target.arn
                    let result = context.authorizer.authorize(request, policies: policies)
                    switch GraphContext.status(result) {
                    case .allowed?: break
                    case .undetermined?: undetermined.append("`\(action)` (\(result.undetermined?.dependencies.joined(separator: "; ") ?? ""))")
                    case nil: continue
                    }
                    actions.append(action)
                    evidence.formUnion(GraphContext.evidence(result))
                }
                guard !actions.isEmpty else { continue }
                var reason = "\(actions.count - undetermined.count) of \(target.actions.count) actions allowed"
                if !undetermined.isEmpty { reason += "; undetermined: " + undetermined.joined(separator: ", ") }
                edges.append(AccessGraph.Edge(from: principal.arn, to: target.id, kind: .canAct, actions: actions,
                                              status: undetermined.isEmpty ? .allowed : .undetermined, reason: reason, evidence: evidence.sorted()))
            }
        }
        return edges
    }
}
