import PolicyEvaluation
import PolicyModel

/// Who can reach what in a stack: principals and resources as nodes, and edges that each carry
/// the evaluator's decision and the statements behind it (never re-matched here).
package struct AccessGraph: Sendable {
    package enum NodeKind: String, Sendable, Hashable {
        case role, user, servicePrincipal = "service-principal", federatedPrincipal = "federated-principal", account, resource
    }

    package struct Node: Sendable, Hashable {
        package var id: String
        package var kind: NodeKind
        package var label: String
    }

    package enum EdgeKind: String, Sendable, Hashable {
        case canAssume = "can-assume"
        case canPassRoleToService = "can-pass-role"
        case canAct = "can-act"
    }

    package struct Edge: Sendable, Hashable {
        package var from: String
        package var to: String
        package var kind: EdgeKind
        /// The action(s) the edge stands for.
        package var actions: [String]
        package var status: CheckStatus
        package var reason: String
        package var evidence: [StatementRef]
    }

    package var nodes: [Node]
    package var edges: [Edge]

    /// Chains of allowed (or undecided) edges that end at `target`, the last one granting
    /// `action` when given: each chain starts at a principal nothing else leads to, or stops after
    /// `maximumLength` edges.
    /// Passing a role to a service does not give the passer the role's access, so `can-pass-role`
    /// edges end chains rather than extend them; at most `maximumPaths` chains are returned.
    package func paths(to target: String, action: String? = nil, maximumLength: Int = 4, maximumPaths: Int = 200) -> [[Edge]] {
        let incoming = Dictionary(grouping: edges.filter { $0.status != .fail }, by: \.to)
        var result: [[Edge]] = []
        func walk(_ node: String, _ suffix: [Edge]) {
            guard result.count < maximumPaths else { return }
            let into = (incoming[node] ?? []).filter { edge in
                guard suffix.isEmpty || edge.kind != .canPassRoleToService else { return false }
                guard !suffix.contains(where: { $0.from == edge.from || $0.to == edge.from }) else { return false }
                guard suffix.isEmpty, let action else { return true }
                return edge.actions.contains { $0.lowercased() == action.lowercased() }
            }
            if into.isEmpty || suffix.count == maximumLength {
                if !suffix.isEmpty { result.append(suffix) }
                return
            }
            for edge in into { walk(edge.from, [edge] + suffix) }
        }
        walk(target, [])
        return result.sorted { $0.map(\.from).joined(separator: " > ") < $1.map(\.from).joined(separator: " > ") }
    }
}

/// Builds the graph for a stack with the `Authorizer`.
package struct AccessGraphBuilder {
    let stack: Stack
    let evaluator = RequestEvaluator()

    package init(stack: Stack) {
        self.stack = stack
    }

    package func build() -> AccessGraph {
        var nodes: [String: AccessGraph.Node] = [:]
        var edges: [AccessGraph.Edge] = []
        func node(_ id: String, _ kind: AccessGraph.NodeKind, _ label: String) {
            if nodes[id] == nil { nodes[id] = AccessGraph.Node(id: id, kind: kind, label: label) }
        }
        for role in stack.roles { node(role.arn, .role, role.logicalId) }
        let targets = resourceTargets()
        for target in targets { node(target.id, .resource, target.label) }

        // Users: which roles they may assume (the trust policy and their own permission), and what
        // they may do directly.
        for user in stack.users {
            node(user.arn, .user, user.logicalId)
            for role in stack.roles {
                var set = user.identityPolicies
                set.resource = role.trust
                let assume = evaluator.evaluate(user.request("sts:AssumeRole", role.arn), policies: set, expect: .allow)
                if assume.decision == .allow || assume.status == .unknown {
                    edges.append(edge(from: user.arn, to: role.arn, .canAssume, ["sts:AssumeRole"], assume))
                }
            }
            edges += accessEdges(from: user.arn, identity: user.identityPolicies, targets: targets) { user.request($0, $1, context: $2) }
        }

        for role in stack.roles {
            // Trust: every principal the trust policy names, asked to assume the role.
            for statement in role.trust.document.statements where statement.effect == .allow {
                for entry in statement.principal?.entries ?? [] {
                    let (caller, kind, action, context) = assumer(entry, role: role)
                    node(caller, kind, entry.value)
                    let request = AuthorizationRequest(principal: RequestPrincipal(caller), action: action, resource: role.arn,
                                                       resourceAccount: role.account, context: RequestContext(context))
                    let evaluated = evaluator.evaluate(request, policies: PolicySet(resource: role.trust), expect: .allow)
                    edges.append(edge(from: caller, to: role.arn, .canAssume, [action], evaluated))
                }
            }
            edges += accessEdges(from: role.arn, identity: role.identityPolicies, targets: targets) {
                role.sessionRequest($0, $1, sessionName: "session", context: $2)
            }
        }
        let sortedEdges = edges.sorted { ($0.from, $0.to, $0.kind.rawValue) < ($1.from, $1.to, $1.kind.rawValue) }
        return AccessGraph(nodes: nodes.values.sorted { $0.id < $1.id }, edges: sortedEdges)
    }

    struct Target {
        var id: String
        var label: String
        var arn: String
        var actions: [String]
        var policy: NamedPolicy?
    }

    /// The stack's resources and the actions that matter for the pipeline on each.
    func resourceTargets() -> [Target] {
        var targets: [Target] = []
        for table in stack.tables {
            targets.append(Target(id: table.arn, label: table.logicalId, arn: table.arn,
                                  actions: ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime", "dynamodb:PutItem", "dynamodb:DeleteTable"], policy: nil))
            let stream = table.streamArn ?? "\(table.arn)/stream/\(SymbolToken.make("StreamLabel"))"
            targets.append(Target(id: "\(table.arn)/stream", label: "\(table.logicalId) stream", arn: stream,
                                  actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], policy: nil))
        }
        // Objects are probed under the pipeline's export prefix, where a least-privilege role is scoped.
        let exportPrefix = stack.pipelines.first?.configuration.dynamoDBSources.first?.tables.first?.export?.normalizedS3Prefix
            .map { $0.isEmpty || $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        for bucket in stack.buckets {
            targets.append(Target(id: "\(bucket.resource.arn)/*", label: "\(bucket.resource.logicalId) objects", arn: "\(bucket.resource.arn)/\(exportPrefix)object",
                                  actions: ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload", "s3:DeleteObject"], policy: bucket.policy))
            targets.append(Target(id: bucket.resource.arn, label: bucket.resource.logicalId, arn: bucket.resource.arn,
                                  actions: ["s3:PutBucketPolicy", "s3:DeleteBucket"], policy: bucket.policy))
        }
        for domain in stack.domains {
            targets.append(Target(id: domain.resource.arn, label: domain.resource.logicalId, arn: domain.resource.arn,
                                  actions: ["es:DescribeDomain", "es:UpdateDomainConfig", "es:DeleteDomain"], policy: domain.accessPolicy))
            targets.append(Target(id: "\(domain.resource.arn)/*", label: "\(domain.resource.logicalId) indexes", arn: "\(domain.resource.arn)/index",
                                  actions: ["es:ESHttpGet", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"], policy: domain.accessPolicy))
        }
        for key in stack.keys {
            targets.append(Target(id: key.arn, label: key.logicalId, arn: key.arn, actions: ["kms:Decrypt", "kms:GenerateDataKey"],
                                  policy: key.keyPolicy.map { NamedPolicy(id: "\(key.logicalId).KeyPolicy", document: $0) }))
        }
        return targets
    }

    /// What one principal may do with its identity policies: pass the stack's roles to the
    /// pipeline service, and act on each target (with the target's resource policy).
    func accessEdges(
        from principal: String, identity: PolicySet, targets: [Target],
        request: (_ action: String, _ resource: String, _ context: [String: ContextValue]) -> AuthorizationRequest
    ) -> [AccessGraph.Edge] {
        var edges: [AccessGraph.Edge] = []
        for passed in stack.roles {
            let evaluated = evaluator.evaluate(
                request("iam:PassRole", passed.arn, ["iam:PassedToService": .single(PipelineChecks.osisService)]), policies: identity, expect: .allow)
            if evaluated.decision == .allow || evaluated.status == .unknown {
                edges.append(edge(from: principal, to: passed.arn, .canPassRoleToService, ["iam:PassRole"], evaluated))
            }
        }
        for target in targets {
            var set = identity
            set.resource = target.policy
            let allowed = target.actions.map { evaluator.evaluate(request($0, target.arn, [:]), policies: set, expect: .allow) }
                .filter { $0.decision == .allow || $0.status == .unknown }
            guard !allowed.isEmpty else { continue }
            let undecided = allowed.filter { $0.status == .unknown }
            var reason = "\(allowed.count - undecided.count) of \(target.actions.count) actions allowed"
            if !undecided.isEmpty {
                reason += "; undecided: " + undecided.map { "`\($0.action)` (\($0.unresolved.joined(separator: "; ")))" }.joined(separator: ", ")
            }
            edges.append(AccessGraph.Edge(
                from: principal, to: target.id, kind: .canAct, actions: allowed.map(\.action), status: undecided.isEmpty ? .pass : .unknown,
                reason: reason, evidence: Array(Set(allowed.flatMap(\.matched))).sorted()))
        }
        return edges
    }

    /// The caller a trust entry stands for, and the context it would send.
    func assumer(_ entry: PrincipalElement.Entry, role: StackRole) -> (String, AccessGraph.NodeKind, String, [String: ContextValue]) {
        switch entry.kind {
        case .service:
            let pipeline = stack.pipelines.first?.resource?.arn ?? ""
            return (entry.value, .servicePrincipal, "sts:AssumeRole",
                    ["aws:SourceAccount": .single(role.account ?? ""), "aws:SourceArn": .single(pipeline)])
        case .federated:
            let pool = stack.roleAttachments.first { $0.authenticatedRoleArn?.value == role.arn || $0.unauthenticatedRoleArn?.value == role.arn }
            let authenticated = pool?.authenticatedRoleArn?.value == role.arn
            return (entry.value, .federatedPrincipal, "sts:AssumeRoleWithWebIdentity", [
                "cognito-identity.amazonaws.com:aud": .single(pool?.identityPoolId.value ?? ""),
                "cognito-identity.amazonaws.com:amr": .multiple([authenticated ? "authenticated" : "unauthenticated"]),
            ])
        case .aws, .canonicalUser:
            return (entry.value, entry.awsForm.map { if case .account = $0 { return .account } else { return .role } } ?? .account, "sts:AssumeRole", [:])
        }
    }

    func edge(from: String, to: String, _ kind: AccessGraph.EdgeKind, _ actions: [String], _ evaluated: EvaluatedRequest) -> AccessGraph.Edge {
        AccessGraph.Edge(from: from, to: to, kind: kind, actions: actions, status: evaluated.status == .unknown ? .unknown : (evaluated.decision == .allow ? .pass : .fail),
                         reason: evaluated.reason, evidence: evaluated.matched)
    }
}
