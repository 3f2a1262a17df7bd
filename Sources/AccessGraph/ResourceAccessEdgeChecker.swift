import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `can-act`: which actions each principal may perform on each target, through its own
/// policies and the target's resource-based policy. Asked once per principal class, and again
/// for each member the resource-based policy names by ARN.
struct ResourceAccessEdgeChecker: EdgeChecker {
    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        let targets = context.targets.map { ($0, ResourcePolicyNames($0.policy)) }
        let found = ParallelMap.map(context.classes.count) { index in
            let principals = context.classes[index]
            let allowing = principals.policies.identity.flatMap(\.document.statements).filter { $0.effect == .allow }
            return targets.flatMap { target, names -> [AccessGraph.Edge] in
                let (named, others) = names.split(principals.members)
                var edges = named.compactMap { Self.edge(from: [$0], of: principals, to: target, context: context) }.flatMap { $0 }
                // Without an identity-based Allow covering the target, only a policy that lets
                // anyone in could allow: the evaluator would refuse every action.
                if !others.isEmpty,
                   names.open || principals.hasUnknownPolicies || ResourceCoverage(target.arn, statements: allowing).anyAllow {
                    edges += Self.edge(from: others, of: principals, to: target, context: context) ?? []
                }
                return edges
            }
        }
        return found.flatMap { $0 }
    }

    /// The edges from `principals` (who get the same answers) to `target`, asked for the first.
    static func edge(from principals: [InventoryPrincipal], of principalClass: PrincipalClass, to target: GraphTarget,
                     context: GraphContext) -> [AccessGraph.Edge]? {
        guard let representative = principals.first else { return nil }
        let template = principalClass.request(by: representative, "", on: "")
        var policies = principalClass.policies
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
        guard !actions.isEmpty else { return nil }
        var reason = "\(actions.count - undetermined.count) of \(target.actions.count) actions allowed"
        if !undetermined.isEmpty { reason += "; undetermined: " + undetermined.joined(separator: ", ") }
        let sortedEvidence = evidence.sorted()
        return principals.map { principal in
            AccessGraph.Edge(from: principal.arn, to: target.id, kind: .canAct, actions: actions,
                             status: undetermined.isEmpty ? .allowed : .undetermined, reason: reason, evidence: sortedEvidence)
        }
    }
}
