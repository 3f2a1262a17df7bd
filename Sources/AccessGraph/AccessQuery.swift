import AccessInventory
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// Questions asked of a built graph and its inventory: who can perform an action on a resource
/// (`whoCan`), whether one principal can (`can`), and who can become a given principal
/// (`escalations`). A principal's own access comes from the evaluator, asked once per principal
/// class; chains come from the graph's `can-assume` and `can-escalate` edges, sets expanded only
/// here, shortest chain first.
package struct AccessQuery: Sendable {
    /// One principal's answer: the chain of steps that lets it act as `actor`, and the actor's
    /// own access (for `escalations`, the target it becomes).
    package struct Answer: Sendable, Hashable {
        /// The principal (a node id) the answer is about.
        package var principal: String
        /// Steps from `principal` to `actor`, in order; empty when it acts itself.
        package var path: [Step]
        /// The principal whose own policies decide the access at the end of the chain.
        package var actor: String
        /// The access itself; nil for `escalations`, where reaching the actor is the answer.
        package var access: Access?

        /// Allowed when every step and the access are allowed; undetermined otherwise.
        package var status: AccessGraph.EdgeStatus {
            let statuses = path.map(\.edge.status) + [access?.status].compactMap { $0 }
            return statuses.allSatisfy { $0 == .allowed } ? .allowed : .undetermined
        }
    }

    /// One edge of a chain; `reached` is the node it leads to (a member when the edge leads to a
    /// set, whose id `edge.to` keeps), and `from` the principal that takes it (a member when the
    /// edge leaves from a set).
    package struct Step: Sendable, Hashable {
        package var from: String
        package var edge: AccessGraph.Edge
        package var reached: String
    }

    /// An actor's own access to the resource: the evaluator's answer with its statements.
    package struct Access: Sendable, Hashable {
        package var status: AccessGraph.EdgeStatus
        package var reason: String
        package var evidence: [StatementRef]
    }

    let graph: AccessGraph
    let inventory: Inventory
    let classes: [PrincipalClass]
    /// Refusals are dropped here, so they are not explained.
    let authorizer = Authorizer(explainsRefusals: false)
    let principalsByARN: [String: InventoryPrincipal]
    /// The graph's node ids (with edge ends and set members), sorted: a node is its place here,
    /// so comparing places compares ids, and a query walks arrays, not dictionaries of ARNs.
    let nodeIds: [String]
    let places: [String: Int]
    /// Per node: the `can-assume` and `can-escalate` edges that lead to it (indexes into
    /// `graph.edges`, by source); the sets it belongs to; a set's members (sets are expanded only
    /// while a query walks them).
    let becomers: [[Int]]
    let setsContaining: [[Int]]
    let members: [[Int]]
    /// Per edge, the place of the node it leaves from.
    let edgeSources: [Int]

    package init(graph: AccessGraph, inventory: Inventory) {
        self.graph = graph
        self.inventory = inventory
        classes = PrincipalClass.classes(of: inventory.principals)
        principalsByARN = Dictionary(inventory.principals.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        let nodeIds = (graph.nodes.map(\.id) + graph.nodes.flatMap(\.members) + graph.edges.flatMap { [$0.from, $0.to] }).uniqued().sorted()
        let places = Dictionary(uniqueKeysWithValues: nodeIds.enumerated().map { ($1, $0) })
        self.nodeIds = nodeIds
        self.places = places
        var members = [[Int]](repeating: [], count: nodeIds.count)
        var setsContaining = [[Int]](repeating: [], count: nodeIds.count)
        for set in graph.nodes where !set.members.isEmpty {
            guard let place = places[set.id] else { continue }
            members[place] = set.members.compactMap { places[$0] }
            for member in members[place] { setsContaining[member].append(place) }
        }
        self.members = members
        self.setsContaining = setsContaining.map { $0.sorted() }
        edgeSources = graph.edges.map { places[$0.from] ?? 0 }
        var becomers = [[Int]](repeating: [], count: nodeIds.count)
        for (index, edge) in graph.edges.enumerated() where edge.kind == .canAssume || edge.kind == .canEscalate {
            if let place = places[edge.to] { becomers[place].append(index) }
        }
        let edges = graph.edges
        self.becomers = becomers.map { list in
            list.sorted { (edges[$0].from, edges[$0].kind.rawValue, edges[$0].technique ?? "") < (edges[$1].from, edges[$1].kind.rawValue, edges[$1].technique ?? "") }
        }
    }

    /// The principal a name stands for: an ARN, or a role or user's name or label.
    package func principal(named name: String) -> InventoryPrincipal? {
        principalsByARN[name] ?? inventory.principals.first { $0.name == name || $0.label == name }
    }

    /// The ARN a `--resource` value names: an ARN as given, or a resource of the inputs by its
    /// label (a template's logical id) with an optional path below it (`Bucket/exports/*`), so
    /// resources whose ARN holds a symbol can be named.
    package func resourceARN(named value: String) -> String {
        let resources = inventory.resources.sorted { $0.identity.label.count > $1.identity.label.count }
        for resource in resources where value == resource.identity.label || value.hasPrefix(resource.identity.label + "/") {
            return resource.identity.arn + value.dropFirst(resource.identity.label.count)
        }
        return value
    }

    /// Everyone who can perform `action` on `resource`: the inventory's principals whose own
    /// policies (with the resource's policy, when the inventory holds the resource) allow it or
    /// could, then everyone who can become one of them, shortest chain first (`explained` gives a
    /// step through a set of roles its own role's statements).
    package func whoCan(_ action: String, on resource: String) -> [Answer] {
        let actors = directAccess(action, on: resource)
        return chains(to: actors.keys.sorted()).map { principal, path, actor in
            Answer(principal: principal, path: path, actor: actor, access: actors[actor])
        }
    }

    /// `principal`'s answer for `action` on `resource`, or nil when it cannot.
    package func can(_ principal: String, _ action: String, on resource: String) -> Answer? {
        whoCan(action, on: resource).first { $0.principal == principal }
    }

    /// Everyone who can become one of `targets` through `can-assume` and `can-escalate` edges,
    /// shortest chain first (the targets themselves are left out).
    package func escalations(to targets: [String]) -> [Answer] {
        chains(to: targets).filter { !$0.path.isEmpty }.map { principal, path, actor in
            Answer(principal: principal, path: path, actor: actor, access: nil)
        }
    }

    /// The principals whose own policies allow every action on every resource: a made-up
    /// action of a made-up service on a made-up resource (only `*` grants cover it) and
    /// `iam:PutRolePolicy` on a made-up role (so `NotAction: iam:*`, PowerUserAccess, is not one).
    package func administrators() -> [String] {
        ParallelMap.map(classes.count) { index -> [String] in
            let principals = classes[index]
            let account = principals.representative.account ?? SymbolToken.make("AWS.AccountId")
            let partition = SplitARN(principals.representative.arn).prefix?[1] ?? "aws"
            let probes = [("accessgraph-probe:AnyAction", "arn:\(partition):accessgraph-probe:us-east-1:\(account):anything"),
                          ("iam:PutRolePolicy", "arn:\(partition):iam::\(account):role/accessgraph-probe")]
            let administrator = probes.allSatisfy { action, resource in
                let result = authorizer.authorize(principals.request(action, on: resource), policies: principals.policies)
                return result.isDetermined && result.decision == .allow
            }
            return administrator ? principals.members.map(\.arn) : []
        }.flatMap { $0 }.sorted()
    }

    /// The roles the inventory's pipelines run as.
    package var pipelineRoles: [String] {
        inventory.pipelines.flatMap(\.roleARNs).uniqued().compactMap { inventory.role(arn: $0)?.arn }
    }

    /// Each inventory principal whose own policies may allow `action` on `resource`, with the
    /// answer: asked once per class, and on its own for a member the resource's policy names.
    func directAccess(_ action: String, on resource: String) -> [String: Access] {
        let owner = inventory.resources.first { resource == $0.identity.arn || resource.hasPrefix($0.identity.arn + "/") }
        let policy = owner?.policy?.policy
        let names = ResourcePolicyNames(policy)
        let restrictPublicBuckets = inventory.buckets.first { $0.identity.arn == owner?.identity.arn }?.restrictPublicBuckets
        // Only classes an Allow of their own may let in, or with a member the resource's policy
        // names, can be answered: the rest are left out before merging (most of an account).
        let namesSomeone = names.everyoneAlone || !names.values.isEmpty || !names.names.isEmpty
        let all = self.classes
        let askable = names.open ? all : zip(all, ParallelMap.map(all.count) { index in
            all[index].mayAllow(action) || (namesSomeone && all[index].members.contains(where: names.names))
        }).filter(\.1).map(\.0)
        let classes = PrincipalClass.merged(askable, for: [action])
        let found = ParallelMap.map(classes.count) { index -> [(String, Access)] in
            let principals = classes[index]
            var policies = principals.policies
            policies.resource = policy
            policies.s3RestrictPublicBuckets = restrictPublicBuckets
            func ask(_ asked: [InventoryPrincipal]) -> [(String, Access)] {
                guard let representative = asked.first else { return [] }
                let result = authorizer.authorize(principals.request(by: representative, action, on: resource), policies: policies)
                guard let status = GraphContext.status(result) else { return [] }
                let access = Access(status: status, reason: GraphContext.reason(result), evidence: GraphContext.evidence(result))
                return asked.map { ($0.arn, access) }
            }
            let (named, others) = names.split(principals.members)
            var answers = named.flatMap { ask([$0]) }
            if names.open || principals.hasUnknownPolicies || ResourceCoverage(resource, statements: principals.statements(for: action)).anyAllow {
                answers += ask(others)
            }
            return answers
        }
        return Dictionary(found.flatMap { $0 }, uniquingKeysWith: { first, _ in first })
    }

    /// Breadth first from `targets` against the `becomers` edges: every node that reaches one,
    /// with its shortest chain (ties broken by node id, so answers are the same every run).
    func chains(to targets: [String]) -> [(principal: String, path: [Step], actor: String)] {
        // A target that is no node of the graph is reached by itself only.
        let outside = targets.filter { places[$0] == nil }.uniqued()
        var paths = [[Step]?](repeating: nil, count: nodeIds.count)
        var actors = [Int](repeating: 0, count: nodeIds.count)
        // A set's edges are followed from its first member reached: its sources are then reached,
        // and no later member gives them a shorter chain.
        var followedSets = [Bool](repeating: false, count: nodeIds.count)
        var frontier = targets.compactMap { places[$0] }.uniqued().sorted()
        var reached = frontier
        for target in frontier { (paths[target], actors[target]) = ([], target) }
        while !frontier.isEmpty {
            var next: [Int] = []
            for node in frontier {
                guard let path = paths[node] else { continue }
                var edgeLists = [becomers[node]]
                for set in setsContaining[node] where !followedSets[set] {
                    followedSets[set] = true
                    edgeLists.append(becomers[set])
                }
                for edgeIndex in edgeLists.joined() {
                    let from = edgeSources[edgeIndex]
                    for source in members[from].isEmpty ? [from] : members[from] where paths[source] == nil && source != node {
                        paths[source] = [Step(from: nodeIds[source], edge: graph.edges[edgeIndex], reached: nodeIds[node])] + path
                        actors[source] = actors[node]
                        next.append(source)
                        reached.append(source)
                    }
                }
            }
            frontier = next.sorted()
        }
        let found = reached.sorted { ((paths[$0]?.count ?? 0), $0) < ((paths[$1]?.count ?? 0), $1) }
            .map { (principal: nodeIds[$0], path: paths[$0] ?? [], actor: nodeIds[actors[$0]]) }
        guard !outside.isEmpty else { return found }
        return (outside.map { (principal: $0, path: [Step](), actor: $0) } + found)
            .sorted { ($0.path.count, $0.principal) < ($1.path.count, $1.principal) }
    }

    /// `answer` with every step that goes through a set of roles explained for its own role: an
    /// edge into a set carries the caller's statements only (each role's trust statement differs),
    /// so the pair is asked again for the role's own. Asked only for the answers shown.
    package func explained(_ answer: Answer) -> Answer {
        var explained = answer
        explained.path = answer.path.map { step($0.edge, from: $0.from, to: $0.reached) }
        return explained
    }

    /// One step of a chain, its edge asked again for the role it reaches when it leads to a set.
    func step(_ edge: AccessGraph.Edge, from source: String, to node: String) -> Step {
        guard edge.kind == .canAssume, edge.to != node, let caller = principalsByARN[source],
              let role = principalsByARN[node], role.kind == .role, let trust = role.trust else {
            return Step(from: source, edge: edge, reached: node)
        }
        var policies = caller.identityPolicies
        policies.resource = trust
        let result = authorizer.authorize(caller.request(AssumeRoleEdgeChecker.action, on: role.arn), policies: policies)
        guard let status = GraphContext.status(result) else { return Step(from: source, edge: edge, reached: node) }
        var exact = edge
        exact.status = status
        exact.reason = GraphContext.reason(result)
        exact.evidence = GraphContext.evidence(result, admittedBy: trust)
        return Step(from: source, edge: exact, reached: node)
    }
}
