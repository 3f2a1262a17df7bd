import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `can-assume`: every principal a role's trust policy names, asked with the context that
/// principal sends, and every principal of the inventory, asked with its own policies too.
struct AssumeRoleEdgeChecker: EdgeChecker {
    static let action = "sts:AssumeRole"

    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        let inventoryARNs = Set(context.inventory.principals.map(\.arn))
        let callers = InventoryCallers(context.classes)
        let roles = context.inventory.roles
        let found = ParallelMap.map(roles.count) { index -> [Found] in
            let role = roles[index]
            guard let trust = role.trust else { return [] }
            return externalCallers(of: role, trust: trust, inventoryARNs: inventoryARNs, context: context)
                + Self.shared(inventoryCallers(of: role, trust: trust, callers: callers, context: context), threshold: context.setThreshold)
        }
        return found.flatMap { $0 }.compactMap { found in
            switch found {
            case .edge(let edge): return edge
            case .caller(let edge, let kind, let label):
                nodes.add(edge.from, kind, label)
                return edge
            case .fromSet(let members, var edge):
                edge.from = nodes.addSet(of: .principalSet, members: members, label: "\(members.count) principals the trust lets in alike")
                return edge
            }
        }
    }

    /// An edge, and for a caller outside the inventory or a set of callers the node it needs.
    enum Found: Sendable {
        case edge(AccessGraph.Edge)
        case caller(AccessGraph.Edge, AccessGraph.NodeKind, String)
        /// One edge from many principals with the same answer (a trust policy naming `*` lets
        /// every principal of every account in): its `from` is the set's node, made on merging.
        case fromSet([String], AccessGraph.Edge)
    }

    /// The edges into one role, with those that share an answer (status, reason and evidence)
    /// from `threshold` principals or more drawn as one edge from a `principal-set`.
    static func shared(_ edges: [AccessGraph.Edge], threshold: Int) -> [Found] {
        struct Answer: Hashable {
            var status: AccessGraph.EdgeStatus
            var reason: String
            var evidence: [StatementRef]
        }
        return edges.groupedInOrder(by: { Answer(status: $0.status, reason: $0.reason, evidence: $0.evidence) }).flatMap { _, group -> [Found] in
            guard group.count >= threshold, let first = group.first else { return group.map(Found.edge) }
            return [.fromSet(group.map(\.from), first)]
        }
    }

    /// Every principal the trust policy names that the inventory does not hold, asked with the
    /// context that principal sends.
    func externalCallers(of role: InventoryPrincipal, trust: NamedPolicy, inventoryARNs: Set<String>, context: GraphContext) -> [Found] {
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
        return callers.compactMap { entry in
            let statements = statementsNaming[entry] ?? []
            guard let (caller, kind, request, identity) = self.caller(entry, role: role, statements: statements, context: context) else { return nil }
            var policies = PolicySet(identity: identity.map { [$0] } ?? [])
            policies.resource = trust
            let result = context.authorizer.authorize(request, policies: policies)
            guard let status = GraphContext.status(result) else { return nil }
            return .caller(AccessGraph.Edge(
                from: caller, to: role.arn, kind: .canAssume, actions: [request.action], status: status, reason: GraphContext.reason(result),
                // The caller's unknown identity policies are named in the reason; they are no statement of the inputs.
                evidence: GraphContext.evidence(result, admittedBy: trust).filter { $0.policy != identity?.id }), kind, entry.value)
        }
    }

    /// The inventory's principal classes, indexed for the questions each trust policy asks.
    struct InventoryCallers: Sendable {
        let classes: [PrincipalClass]
        /// Per class, its statements that can apply to `sts:AssumeRole`.
        let statements: [[Statement]]
        /// The classes whose own policies could allow `sts:AssumeRole`: the only ones a trust
        /// policy that names accounts (not `*`) can let in.
        let assumers: [Int]
        /// Class indexes by member ARN and by member name, for principals a trust names.
        let byARN: [String: Int]
        let byName: [String: [Int]]

        init(_ classes: [PrincipalClass]) {
            self.classes = classes
            let statements = classes.map { $0.statements(for: AssumeRoleEdgeChecker.action) }
            self.statements = statements
            assumers = classes.indices.filter { classes[$0].hasUnknownPolicies || statements[$0].contains { $0.effect == .allow } }
            var byARN: [String: Int] = [:]
            var byName: [String: [Int]] = [:]
            for (index, principals) in classes.enumerated() {
                for member in principals.members {
                    byARN[member.arn] = index
                    byName[member.name, default: []].append(index)
                }
            }
            self.byARN = byARN
            self.byName = byName
        }
    }

    /// Principals of the inventory, with their own policies and the trust policy: those the
    /// trust names by ARN one by one, the rest once per class, and only classes the trust could
    /// let in (its accounts, or anyone for `*`) whose own statements could allow the request.
    func inventoryCallers(of role: InventoryPrincipal, trust: NamedPolicy, callers: InventoryCallers, context: GraphContext) -> [AccessGraph.Edge] {
        let names = ResourcePolicyNames(trust)
        // Classes with a member the trust may name: those members are asked one by one.
        let naming: Set<Int> = names.everyoneAlone
            ? Set(callers.classes.indices)
            : Set(names.values.compactMap { callers.byARN[$0] } + names.names.flatMap { callers.byName[$0] ?? [] })
        let candidates = names.open || names.everyoneAlone ? Array(callers.classes.indices) : (callers.assumers + naming).uniqued().sorted()
        let symbolicAccounts = names.accounts.contains(where: SymbolToken.containsToken)
        var edges: [AccessGraph.Edge] = []
        for index in candidates {
            let principals = callers.classes[index]
            var others = principals.members
            if naming.contains(index) {
                let named = others.filter { $0.arn != role.arn && names.names($0) }
                edges += named.compactMap { edge(from: [$0], to: role, trust: trust, policies: principals.policies, context: context) }.flatMap { $0 }
                others = others.filter { !names.names($0) }
            }
            others = others.filter { $0.arn != role.arn }
            guard let representative = others.first else { continue }
            // A symbolic account on either side may turn out to be the same account.
            let account = representative.account ?? SymbolToken.make("AWS.AccountId")
            let admitted = names.open || names.accounts.contains(account) || SymbolToken.containsToken(account) || symbolicAccounts
            guard admitted, names.open || principals.hasUnknownPolicies || ResourceCoverage(role.arn, statements: callers.statements[index]).anyAllow
            else { continue }
            edges += edge(from: others, to: role, trust: trust, policies: principals.policies, context: context) ?? []
        }
        return edges
    }

    /// The edges from `principals` (who get the same answer) to `role`, asked for the first.
    func edge(from principals: [InventoryPrincipal], to role: InventoryPrincipal, trust: NamedPolicy, policies identity: PolicySet,
              context: GraphContext) -> [AccessGraph.Edge]? {
        guard let representative = principals.first else { return nil }
        var policies = identity
        policies.resource = trust
        let result = context.authorizer.authorize(representative.request(Self.action, on: role.arn), policies: policies)
        guard let status = GraphContext.status(result) else { return nil }
        // The answer is every member's: the sentence names "the caller", not the first one.
        let reason = GraphContext.reason(result).replacing("`\(representative.callerARN(sessionName: "session"))`", with: "the caller")
        let evidence = GraphContext.evidence(result, admittedBy: trust)
        return principals.map { principal in
            AccessGraph.Edge(from: principal.arn, to: role.arn, kind: .canAssume, actions: [Self.action], status: status, reason: reason, evidence: evidence)
        }
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
