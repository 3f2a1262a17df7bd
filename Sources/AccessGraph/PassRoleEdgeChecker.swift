import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `can-pass-role`: which principals may pass each role to each service the role trusts
/// (`iam:PassRole` with `iam:PassedToService`). Passing a role to a service that runs code lets
/// the passer act with the role's permissions through that service (`EscalationEdgeChecker`).
///
/// Asked once per principal class and group of roles its `iam:PassRole` statements cover alike:
/// a group of `GraphContext.setThreshold` roles or more becomes one edge to a `role-set` node,
/// so `iam:PassRole` on `*` is one edge per service, not one per role.
struct PassRoleEdgeChecker: EdgeChecker {
    static let action = "iam:PassRole"

    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        // Classes merged for `iam:PassRole` alone: only its statements decide.
        let passers = PrincipalClass.merged(context.classes, for: [Self.action])
        let grants = ParallelMap.map(passers.count) { index in
            Self.grants(of: passers[index], passable: context.rolesByTrustedService, context: context)
        }
        return grants.flatMap { $0 }.flatMap { $0.edges(kind: .canPassRole, actions: [Self.action], nodes: &nodes, context: context) }
    }

    /// What one class may pass: per service, per group of roles covered alike, one evaluation.
    static func grants(of principals: PrincipalClass, passable: [(service: String, roles: TargetList)], context: GraphContext) -> [ClassGrant] {
        guard principals.mayAllow(action) else { return [] }
        return passable.flatMap { service, roles in
            ClassGrant.ask(principals, action, on: roles, with: ["iam:PassedToService": .single(service)], context: context,
                           setLabel: "roles passable to \(service)", service: service)
        }
    }
}

/// An answer asked once for a principal class and a group of targets, spread back into edges:
/// one per member and target, or one per member to a `role-set` when the group is large.
struct ClassGrant: Sendable {
    var principals: PrincipalClass
    var targets: [String]
    var service: String?
    var technique: String? = nil
    var status: AccessGraph.EdgeStatus
    var reason: String
    var evidence: [StatementRef]
    /// How a set of these targets is described (`roles passable to lambda.amazonaws.com`).
    var setLabel: String

    /// `action` asked for `principals` on each group of `targets` its statements cover alike
    /// (and that sit in the same account): one evaluation per group, for its first target.
    static func ask(_ principals: PrincipalClass, _ action: String, on targets: TargetList, with extra: [String: ContextValue] = [:],
                    context: GraphContext, setLabel: String, service: String? = nil) -> [ClassGrant] {
        let statements = principals.statements(for: action)
        return ResourceCoverage.groups(targets, statements: statements).compactMap { group in
            guard group.coverage.anyAllow || principals.hasUnknownPolicies, let first = group.members.first else { return nil }
            let representative = targets.arns[first]
            let request = principals.request(action, on: representative, context: extra)
            let result = context.authorizer.authorize(request, policies: principals.policies)
            guard let status = GraphContext.status(result) else { return nil }
            // All the targets: the list itself, whose storage the grants then share (a set of
            // them is recognised without reading its members again).
            let reached = group.members.count == targets.arns.count ? targets.arns : targets[group.members]
            return ClassGrant(principals: principals, targets: reached, service: service, status: status,
                              reason: GraphContext.reason(result), evidence: GraphContext.evidence(result), setLabel: setLabel)
        }
    }

    func edges(kind: AccessGraph.EdgeKind, actions: [String], nodes: inout NodeSet, context: GraphContext) -> [AccessGraph.Edge] {
        let members = principals.members.map(\.arn)
        func edge(_ from: String, _ to: String) -> AccessGraph.Edge {
            AccessGraph.Edge(from: from, to: to, kind: kind, actions: actions, service: service, technique: technique, status: status,
                             reason: reason, evidence: evidence)
        }
        if targets.count >= context.setThreshold {
            let set = nodes.addSet(members: targets, label: "\(targets.count) \(setLabel)")
            return members.map { edge($0, set) }
        }
        return targets.flatMap { target in members.filter { $0 != target }.map { edge($0, target) } }
    }
}
