import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `can-pass-role`: which principals may pass each role to each service the role trusts
/// (`iam:PassRole` with `iam:PassedToService`). Passing a role to a service that runs code lets
/// the passer act with the role's permissions through that service.
struct PassRoleEdgeChecker: EdgeChecker {
    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        var edges: [AccessGraph.Edge] = []
        for role in context.inventory.roles {
            let services = Set(role.trust?.document.statements.filter { $0.effect == .allow }
                .flatMap { $0.principal?.values(of: .service) ?? [] } ?? []).sorted()
            for service in services {
                for principal in context.inventory.principals where principal.arn != role.arn {
                    let request = principal.request("iam:PassRole", on: role.arn, context: ["iam:PassedToService": .single(service)])
                    let result = context.authorizer.authorize(request, policies: principal.identityPolicies)
                    guard let status = GraphContext.status(result) else { continue }
                    edges.append(AccessGraph.Edge(from: principal.arn, to: role.arn, kind: .canPassRole, actions: ["iam:PassRole"], service: service,
                                                  status: status, reason: GraphContext.reason(result), evidence: GraphContext.evidence(result)))
                }
            }
        }
        return edges
    }
}
