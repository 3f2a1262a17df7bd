import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `can-assume`: every principal a role's trust policy names, asked with the context that
/// principal sends, and every principal of the inventory, asked with its own policies too.
struct AssumeRoleEdgeChecker: EdgeChecker {
    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        var edges: [AccessGraph.Edge] = []
        let inventoryARNs = Set(context.inventory.principals.map(\.arn))
        for role in context.inventory.roles {
            guard let trust = role.trust else { continue }
            // One caller per principal the trust names, however many statements name it
            // (`sts:AssumeRole` and `sts:TagSession` are often granted apart).
            var callers: [PrincipalElement.Entry] = []
            var statementsNaming: [PrincipalElement.Entry: [Statement]] = [:]
            for statement in trust.document.statements where statement.effect == .allow {
                for entry in statement.principal?.entries ?? [] where !inventoryARNs.contains(entry.value) {
                    if statementsNaming[entry] == nil { callers.append(entry) }
                    statementsNaming[entry, default: []].append(statement)
                }
            }
            for entry in callers {
                let statements = statementsNaming[entry] ?? []
                guard let (caller, kind, request, identity) = self.caller(entry, role: role, statements: statements, context: context) else { continue }
                var policies = PolicySet(identity: identity.map { [$0] } ?? [])
                policies.resource = trust
                let result = context.authorizer.authorize(request, policies: policies)
                guard let status = GraphContext.status(result) else { continue }
                nodes.add(caller, kind, entry.value)
                edges.append(AccessGraph.Edge(
                    from: caller, to: role.arn, kind: .canAssume, actions: [request.action], status: status, reason: GraphContext.reason(result),
                    // The caller's unknown identity policies are named in the reason; they are no statement of the inputs.
                    evidence: GraphContext.evidence(result, admittedBy: trust).filter { $0.policy != identity?.id }))
            }
            // Principals of the inventory: their own policies and the trust policy.
            for principal in context.inventory.principals where principal.arn != role.arn {
                var policies = principal.identityPolicies
                policies.resource = trust
                let result = context.authorizer.authorize(principal.request("sts:AssumeRole", on: role.arn), policies: policies)
                guard let status = GraphContext.status(result) else { continue }
                edges.append(AccessGraph.Edge(from: principal.arn, to: role.arn, kind: .canAssume, actions: ["sts:AssumeRole"], status: status,
                                              reason: GraphContext.reason(result), evidence: GraphContext.evidence(result, admittedBy: trust)))
            }
        }
        return edges
    }

    /// The caller a trust entry stands for, the request it sends, and for a caller outside the
    /// inventory its identity-based policies, whose statements are unknown.
    func caller(
        _ entry: PrincipalElement.Entry, role: InventoryPrincipal, statements: [Statement], context: GraphContext
    ) -> (String, AccessGraph.NodeKind, AuthorizationRequest, NamedPolicy?)? {
        switch entry.kind {
        case .service:
            // The service acts for the role's own account; a pipeline the requirements know
            // supplies its ARN, anything else the trust tests stays unknown.
            var requestContext = RequestContext(["aws:SourceAccount": .single(role.account ?? SymbolToken.make("AWS.AccountId")),
                                                 "aws:PrincipalServiceName": .single(entry.value)])
            if let known = context.requirements.flatMap(\.trust.requests).first(where: { $0.resource == role.arn && $0.caller.description == entry.value }) {
                for (key, value) in known.context { requestContext[key] = value }
            }
            markUntested(statements, in: &requestContext)
            return (entry.value, .servicePrincipal,
                    AuthorizationRequest(principal: RequestPrincipal(entry.value), action: "sts:AssumeRole", resource: role.arn,
                                         resourceAccount: role.account, context: requestContext), nil)
        case .federated:
            var requestContext = RequestContext()
            if entry.value == "cognito-identity.amazonaws.com",
               let pool = context.inventory.identityPools.first(where: { $0.authenticatedRoleARN?.value == role.arn || $0.unauthenticatedRoleARN?.value == role.arn }) {
                let authenticated = pool.authenticatedRoleARN?.value == role.arn
                requestContext["cognito-identity.amazonaws.com:aud"] = .single(pool.poolId)
                requestContext["cognito-identity.amazonaws.com:amr"] = .multiple([authenticated ? "authenticated" : "unauthenticated"])
            }
            markUntested(statements, in: &requestContext)
            return (entry.value, .federatedPrincipal,
                    AuthorizationRequest(principal: RequestPrincipal(entry.value), action: "sts:AssumeRoleWithWebIdentity", resource: role.arn,
                                         resourceAccount: role.account, context: requestContext), nil)
        case .aws:
            // An account, or a principal outside the inventory: one of its sessions asks, with an
            // identity policy that would let it.
            let form = entry.awsForm
            let account: String
            let kind: AccessGraph.NodeKind
            switch form {
            case .account(_, let value)?: (account, kind) = (value, .account)
            case .role(_, let value, _)?: (account, kind) = (value, .role)
            // Any other ARN: a user is a user node, a session is drawn like a role.
            case .exact(_, let value)?:
                if case .user = RequestPrincipal(entry.value) { (account, kind) = (value, .user) } else { (account, kind) = (value, .role) }
            default: return nil
            }
            let partition = SplitARN(role.arn).prefix?[1] ?? "aws"
            let callerARN: String
            if case .role(let rolePartition, _, let name)? = form {
                callerARN = "arn:\(rolePartition):sts::\(account):assumed-role/\(name)/session"
            } else if kind == .account {
                callerARN = "arn:\(partition):sts::\(account):assumed-role/\(SymbolToken.make("AnyRole"))/session"
            } else {
                callerARN = entry.value
            }
            var requestContext = RequestContext(["aws:PrincipalAccount": .single(account)])
            markUntested(statements, in: &requestContext)
            // Its own identity-based policies are not in the inputs: they could allow or deny.
            return (entry.value, kind,
                    AuthorizationRequest(principal: RequestPrincipal(callerARN), action: "sts:AssumeRole", resource: role.arn,
                                         resourceAccount: role.account, context: requestContext),
                    NamedPolicy(unknown: "identity-based policies of \(entry.value)",
                                reason: "`\(entry.value)` is outside the inputs, so whether its own identity-based policies allow `sts:AssumeRole` is unknown"))
        case .canonicalUser:
            return nil
        }
    }

    /// Condition keys the trust statements naming the caller test that its context does not set:
    /// their values are unknown, so an edge that depends on them is undetermined, not refused.
    func markUntested(_ statements: [Statement], in context: inout RequestContext) {
        for clause in statements.flatMap(\.conditions) where context[clause.key] == nil {
            context.markUnknown(clause.key)
        }
    }
}
