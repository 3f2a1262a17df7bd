import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `can-assume`: every principal a role's trust policy names, asked with the context that
/// principal sends, and every principal of the inventory, asked with its own policies too.
struct AssumeRoleEdgeChecker: EdgeChecker {
    static let action = "sts:AssumeRole"

    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        let inventoryARNs = Set(context.inventory.principals.map(\.arn))
        let callers = InventoryCallers(PrincipalClass.merged(context.classes, for: [Self.action]), index: context.coverageIndex)
        let roles = context.inventory.roles
        let external = ParallelMap.map(roles.count) { index -> [ExternalCaller] in
            guard let trust = roles[index].trust else { return [] }
            return externalCallers(of: roles[index], trust: trust, inventoryARNs: inventoryARNs, context: context)
        }
        // Roles whose trust policies say the same thing (in the same account) let the same
        // principals in: asked once per group, each role's edges then naming its own statements.
        struct TrustShape: Hashable {
            var document: PolicyDocument
            var account: String?
        }
        let trustGroups = roles.filter { $0.trust != nil }
            .groupedInOrder(by: { TrustShape(document: $0.trust?.document ?? PolicyDocument(version: nil, statements: []), account: $0.account) })
            .map(\.1)
        let inventory = ParallelMap.map(trustGroups.count) { index in
            inventoryCallers(of: trustGroups[index], callers: callers, context: context)
        }
        let found = (external: external.flatMap { $0 }, inventory: inventory.flatMap { $0 })
        let externalEdges = found.external.map { caller in
            nodes.add(caller.edge.from, caller.kind, caller.label)
            return caller.edge
        }
        let trusts = Dictionary(roles.compactMap { role in role.trust.map { (role.arn, $0) } }, uniquingKeysWith: { first, _ in first })
        return externalEdges + Self.grouped(found.inventory, trusts: trusts, nodes: &nodes, threshold: context.setThreshold)
    }

    /// Inventory principals' edge into roles of one trust shape that their answer reaches alike,
    /// its sentence naming the role and its trust policy through placeholders: the text and the
    /// trust statements are written out per role only for the edges drawn one by one.
    struct RoleAnswer: Sendable {
        static let role = "\u{27EA}role\u{27EB}"
        static let trust = "\u{27EA}trust-policy\u{27EB}"

        /// The answer asked for `edge.to`, its evidence naming that role's trust policy.
        var edge: AccessGraph.Edge
        /// Whether `edge.reason` holds the placeholders.
        var templated: Bool
        /// The trust policy `edge.evidence` names; each role's edge names its own instead.
        var askedTrust: String
        /// The roles reached alike (their trust documents are the same, so are the statements'
        /// places in them).
        var roles: [String]
        /// The principals the answer is for (each the `from` of an edge drawn), and what names
        /// that list (a class and those it leaves out, or one principal a trust names): answers
        /// group by it.
        var sources: [String]
        var sourceKey: String

        /// `edge` with its sentence naming the role asked for as placeholders.
        init(_ edge: AccessGraph.Edge, asked role: String, trust: String, roles: [String], sources: [String], sourceKey: String) {
            var edge = edge
            let template = edge.reason.replacingText("`\(role)`", with: Self.role).replacingText(trust, with: Self.trust)
            templated = template != edge.reason
            edge.reason = template
            self.edge = edge
            askedTrust = trust
            self.roles = roles
            self.sources = sources
            self.sourceKey = sourceKey
        }

        static func fill(_ template: String, role: String, trust: String) -> String {
            template.replacingText(Self.role, with: role).replacingText(Self.trust, with: trust)
        }

        /// What names an answer's sources: class `index` less the members it leaves out.
        static func sourceKey(class index: Int, leavingOut excluded: [String]) -> String {
            excluded.isEmpty ? "#\(index)" : "#\(index) but \(excluded.joined(separator: " "))"
        }

        /// One edge per role, each naming its own role and trust statements (`from` is left to
        /// each source).
        func named(trusts: [String: NamedPolicy]) -> [AccessGraph.Edge] {
            roles.map { arn in
                var named = edge
                named.to = arn
                let trust = trusts[arn]
                if templated { named.reason = Self.fill(edge.reason, role: "`\(arn)`", trust: trust?.id ?? "the role's trust policy") }
                if let trust, trust.id != askedTrust {
                    named.evidence = edge.evidence.map { ref in
                        guard ref.policy == askedTrust, trust.document.statements.indices.contains(ref.index) else { return ref }
                        return StatementRef(policy: trust.id, index: ref.index, sid: ref.sid, effect: ref.effect,
                                            position: trust.document.statements[ref.index].position)
                    }
                }
                return named
            }
        }
    }

    /// A caller outside the inventory, with the node it needs.
    struct ExternalCaller: Sendable {
        var edge: AccessGraph.Edge
        var kind: AccessGraph.NodeKind
        var label: String
    }

    /// The inventory's principals' edges, with those that share an answer drawn once: first the
    /// roles one principal reaches alike (the same status and reason, and the same statements of
    /// its own: each role's trust statement differs) become one edge to a `role-set` when there
    /// are `threshold` or more; then the principals that reach one node alike (the same status,
    /// reason and evidence: a trust naming `*` lets everyone in) one edge from a `principal-set`.
    /// The `role-set` edge keeps the caller's statements; a query that follows it to one role
    /// asks that pair again for the role's own trust statement (`AccessQuery`).
    static func grouped(_ answers: [RoleAnswer], trusts: [String: NamedPolicy], nodes: inout NodeSet, threshold: Int) -> [AccessGraph.Edge] {
        let trustIds = Set(trusts.values.map(\.id))
        struct Answer: Hashable {
            var status: AccessGraph.EdgeStatus
            var reason: String
            var evidence: [StatementRef]
        }
        struct Reach: Hashable {
            var source: String
            var answer: Answer
        }
        // Edges to one node (a role, or a set) with the principals they are drawn from.
        var byTarget: [(edge: AccessGraph.Edge, sources: [String])] = []
        for (reach, group) in answers.groupedInOrder(by: { answer in
            Reach(source: answer.sourceKey, answer: Answer(status: answer.edge.status, reason: answer.edge.reason,
                                                           evidence: answer.edge.evidence.filter { !trustIds.contains($0.policy) }))
        }) {
            let roles = group.flatMap(\.roles)
            guard roles.count >= threshold, let first = group.first else {
                byTarget += group.flatMap { answer in answer.named(trusts: trusts).map { ($0, answer.sources) } }
                continue
            }
            var edge = first.edge
            edge.to = nodes.addSet(members: roles, label: "\(roles.count) roles reached alike")
            edge.evidence = reach.answer.evidence
            edge.reason = first.templated ? RoleAnswer.fill(edge.reason, role: "the role", trust: "the role's trust policy") : edge.reason
            byTarget.append((edge, first.sources))
        }
        struct Into: Hashable {
            var to: String
            var answer: Answer
        }
        return byTarget.groupedInOrder(by: { Into(to: $0.edge.to, answer: Answer(status: $0.edge.status, reason: $0.edge.reason, evidence: $0.edge.evidence)) })
            .flatMap { _, group -> [AccessGraph.Edge] in
                let sources = group.flatMap(\.sources)
                guard var edge = group.first?.edge else { return [] }
                guard sources.count >= threshold else {
                    return group.flatMap { drawn in
                        drawn.sources.map { source in
                            var sourced = drawn.edge
                            sourced.from = source
                            return sourced
                        }
                    }
                }
                edge.from = nodes.addSet(of: .principalSet, members: sources, label: "\(sources.count) principals let in alike")
                return [edge]
            }
    }

    /// Every principal the trust policy names that the inventory does not hold, asked with the
    /// context that principal sends.
    func externalCallers(of role: InventoryPrincipal, trust: NamedPolicy, inventoryARNs: Set<String>, context: GraphContext) -> [ExternalCaller] {
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
            return ExternalCaller(edge: AccessGraph.Edge(
                from: caller, to: role.arn, kind: .canAssume, actions: [request.action], status: status, reason: GraphContext.reason(result),
                // The caller's unknown identity policies are named in the reason; they are no statement of the inputs.
                evidence: GraphContext.evidence(result, admittedBy: trust).filter { $0.policy != identity?.id }), kind: kind, label: entry.value)
        }
    }

    /// The inventory's principal classes, indexed for the questions each trust policy asks.
    struct InventoryCallers: Sendable {
        let classes: [PrincipalClass]
        /// Per class, its statements that can apply to `sts:AssumeRole`, read for grouping.
        let readers: [ResourceCoverage.Reader]
        /// Per class, its members' ARNs.
        let memberARNs: [[String]]
        /// The classes whose own policies could allow `sts:AssumeRole`: the only ones a trust
        /// policy that names accounts (not `*`) can let in.
        let assumers: [Int]
        /// Class indexes by member ARN and by member name, for principals a trust names.
        let byARN: [String: Int]
        let byName: [String: [Int]]
        /// Per class, its members' account (a symbol when unknown); and the `assumers` by
        /// account, those whose account is a symbol apart: a trust naming accounts is asked
        /// only about the classes it could let in.
        let accounts: [String]
        let assumersByAccount: [String: [Int]]
        let symbolicAssumers: [Int]

        /// Per class, where its `Allow` statements for `sts:AssumeRole` reach, as bits of the
        /// coverage index; nil when that is not known from the index (`*`, `NotResource`, a
        /// policy variable, unknown policies): the class is then asked about every role.
        let allowBits: [[UInt64]?]

        /// Whether class `index` may be allowed `sts:AssumeRole` on a role at one of `positions`.
        func mayReach(_ index: Int, positions: [Int]?) -> Bool {
            guard let bits = allowBits[index], let positions else { return true }
            return positions.contains { $0 / 64 < bits.count && (bits[$0 / 64] >> UInt64($0 % 64)) & 1 == 1 }
        }

        init(_ classes: [PrincipalClass], index: CoverageIndex) {
            self.classes = classes
            let statements = classes.map { $0.statements(for: AssumeRoleEdgeChecker.action) }
            readers = statements.map { ResourceCoverage.Reader($0, index: index) }
            memberARNs = classes.map { $0.members.map(\.arn) }
            allowBits = classes.indices.map { position -> [UInt64]? in
                guard !classes[position].hasUnknownPolicies else { return nil }
                var union: [UInt64]?
                for statement in statements[position] where statement.effect == .allow {
                    guard let (bits, isNot) = index.coverage(of: statement), !isNot else { return nil }
                    union = union.map { zip($0, bits).map { $0 | $1 } } ?? bits
                }
                return union ?? []
            }
            let assumers = classes.indices.filter { classes[$0].hasUnknownPolicies || statements[$0].contains { $0.effect == .allow } }
            self.assumers = assumers
            let accounts = classes.map { $0.account ?? SymbolToken.make("AWS.AccountId") }
            self.accounts = accounts
            symbolicAssumers = assumers.filter { SymbolToken.containsToken(accounts[$0]) }
            assumersByAccount = Dictionary(grouping: assumers.filter { !SymbolToken.containsToken(accounts[$0]) }, by: { accounts[$0] })
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

    /// Principals of the inventory, with their own policies and the trust policy, for roles
    /// whose trust policies say the same thing: those the trust names by ARN one by one, the rest
    /// once per class and group of roles its statements cover alike, and only classes the trust
    /// could let in (its accounts, or anyone for `*`) whose own statements could allow the request.
    func inventoryCallers(of roles: [InventoryPrincipal], callers: InventoryCallers, context: GraphContext) -> [RoleAnswer] {
        guard let first = roles.first, let firstTrust = first.trust else { return [] }
        let names = ResourcePolicyNames(firstTrust)
        // Classes with a member the trust may name: those members are asked one by one.
        let naming: Set<Int> = names.everyoneAlone
            ? Set(callers.classes.indices)
            : Set(names.values.compactMap { callers.byARN[$0] } + names.names.flatMap { callers.byName[$0] ?? [] })
        let symbolicAccounts = names.accounts.contains(where: SymbolToken.containsToken)
        // Without `*`, only the classes whose own policies could allow the request and whose
        // account the trust names (or may name: a symbol on either side may turn out to be the
        // same account), and those it names a member of.
        let candidates = names.open || names.everyoneAlone ? Array(callers.classes.indices)
            : Set(naming).union(symbolicAccounts ? callers.assumers
                                : names.accounts.flatMap { callers.assumersByAccount[$0] ?? [] } + callers.symbolicAssumers).sorted()
        guard !candidates.isEmpty else { return [] }
        let roleTargets = TargetList(roles.map(\.arn), index: context.coverageIndex)
        let byARN = Dictionary(roles.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        var edges: [RoleAnswer] = []
        for index in candidates {
            let principals = callers.classes[index]
            var others = principals.members
            if naming.contains(index) {
                let named: [InventoryPrincipal]
                (named, others) = names.split(others)
                for role in roles {
                    guard let trust = role.trust else { continue }
                    edges += named.filter { $0.arn != role.arn }
                        .compactMap { edge(from: $0, of: principals, to: role, trust: trust, context: context) }
                        .map { RoleAnswer($0, asked: role.arn, trust: trust.id, roles: [role.arn], sources: [$0.from], sourceKey: $0.from) }
                }
            }
            guard !others.isEmpty else { continue }
            let otherARNs = naming.contains(index) ? others.map(\.arn) : callers.memberARNs[index]
            // A symbolic account on either side may turn out to be the same account.
            let account = callers.accounts[index]
            guard names.open || names.accounts.contains(account) || SymbolToken.containsToken(account) || symbolicAccounts else { continue }
            // No Allow of its own reaches these roles: only a trust that lets anyone in could.
            guard names.open || callers.mayReach(index, positions: roleTargets.positions) else { continue }
            for covered in ResourceCoverage.groups(roleTargets, reader: callers.readers[index]) {
                let group = roleTargets[covered.members]
                guard names.open || principals.hasUnknownPolicies || covered.coverage.anyAllow else { continue }
                // One pair stands for all, never a role and itself (no edge is drawn for that).
                let pairs = others.lazy.flatMap { asker in group.lazy.filter { $0 != asker.arn }.map { (asker, $0) } }
                guard let (asker, askedARN) = pairs.first, let asked = byARN[askedARN], let askedTrust = asked.trust,
                      let askedEdge = edge(from: asker, of: principals, to: asked, trust: askedTrust, context: context)
                else { continue }
                let excluded = naming.contains(index) ? principals.members.map(\.arn).filter { !otherARNs.contains($0) } : []
                var shared = RoleAnswer(askedEdge, asked: asked.arn, trust: askedTrust.id, roles: [], sources: otherARNs,
                                        sourceKey: RoleAnswer.sourceKey(class: index, leavingOut: excluded))
                for arn in group {
                    guard byARN[arn]?.trust != nil else { continue }
                    guard callers.byARN[arn] == index, otherARNs.contains(arn) else {
                        shared.roles.append(arn)
                        continue
                    }
                    // The role is one of the class: it is no source of its own edge.
                    var answer = shared
                    answer.roles = [arn]
                    answer.sources = otherARNs.filter { $0 != arn }
                    answer.sourceKey = RoleAnswer.sourceKey(class: index, leavingOut: excluded + [arn])
                    guard let first = answer.sources.first else { continue }
                    answer.edge.from = first
                    edges.append(answer)
                }
                if !shared.roles.isEmpty { edges.append(shared) }
            }
        }
        return edges
    }

    /// The edge from `caller` to `role`, its sentence naming "the caller" rather than this one
    /// (the answer may be shared by the caller's class).
    func edge(from caller: InventoryPrincipal, of principals: PrincipalClass, to role: InventoryPrincipal, trust: NamedPolicy,
              context: GraphContext) -> AccessGraph.Edge? {
        var policies = principals.policies
        policies.resource = trust
        let result = context.authorizer.authorize(principals.request(by: caller, Self.action, on: role.arn), policies: policies)
        guard let status = GraphContext.status(result) else { return nil }
        let reason = GraphContext.reason(result).replacingText("`\(caller.callerARN(sessionName: "session"))`", with: "the caller")
        return AccessGraph.Edge(from: caller.arn, to: role.arn, kind: .canAssume, actions: [Self.action], status: status, reason: reason,
                                evidence: GraphContext.evidence(result, admittedBy: trust))
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
