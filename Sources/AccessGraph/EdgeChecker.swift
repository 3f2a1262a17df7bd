import AccessInventory
import PipelineRequirements
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// Finds the edges of one kind (PMapper's edge checkers): each asks the `Authorizer` and keeps
/// an edge only where the access is allowed or undetermined.
protocol EdgeChecker: Sendable {
    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge]
}

/// The nodes found so far, each once.
struct NodeSet {
    private(set) var byId: [String: AccessGraph.Node] = [:]
    /// Set ids by a summary of the member list as given, each with the lists it stands for: a
    /// set asked for again (most often the very same array, which compares at once) is found
    /// without hashing its members, which may be every role of the account.
    private var setIds: [SetSummary: [(members: [String], id: String)]] = [:]

    private struct SetSummary: Hashable {
        var kind: AccessGraph.NodeKind
        var count: Int
        var first: String?
        var last: String?
    }

    mutating func add(_ id: String, _ kind: AccessGraph.NodeKind, _ label: String) {
        if byId[id] == nil { byId[id] = AccessGraph.Node(id: id, kind: kind, label: label) }
    }

    /// Adds the node for a set of roles (once per distinct membership) and returns its id, which
    /// is derived from the members so the same set has the same id in every run.
    mutating func addSet(of kind: AccessGraph.NodeKind = .roleSet, members: [String], label: String) -> String {
        let summary = SetSummary(kind: kind, count: members.count, first: members.first, last: members.last)
        if let known = setIds[summary]?.first(where: { $0.members == members }) { return known.id }
        let sorted = members.sorted()
        let id = kind.rawValue + ":" + SymbolToken.stableHash(sorted.joined(separator: "\n"))
        if byId[id] == nil { byId[id] = AccessGraph.Node(id: id, kind: kind, label: label, members: sorted) }
        setIds[summary, default: []].append((members, id))
        return id
    }

    var sorted: [AccessGraph.Node] { byId.values.sorted { $0.id < $1.id } }
}

/// What every edge checker reads.
struct GraphContext: Sendable {
    let inventory: Inventory
    let catalogue: ServiceCatalogue
    let requirements: [PipelineRequirements]
    let targets: [GraphTarget]
    /// Refusals are dropped here, so they are not explained.
    let authorizer = Authorizer(explainsRefusals: false)
    /// The inventory's principals, grouped so each group is asked once.
    let classes: [PrincipalClass]
    /// How many targets one answer must cover before its edges go to one `role-set` node: small
    /// stacks keep an edge per role, which reads better; accounts get one edge per grant.
    let setThreshold: Int
    /// Each customer managed policy (by ARN) with the principals it is attached to
    /// (`EscalationEdgeChecker.managedPolicyHolders`).
    let managedPolicyHolders: [String: [String]]
    /// The patterns of the statements the graph asks about, matched once against its IAM ARNs.
    let coverageIndex: CoverageIndex
    /// Each service some role trusts, with those roles' ARNs: where `iam:PassRole` can send them.
    let rolesByTrustedService: [(service: String, roles: TargetList)]

    init(inventory: Inventory, catalogue: ServiceCatalogue, requirements: [PipelineRequirements], targets: [GraphTarget], setThreshold: Int) {
        self.inventory = inventory
        self.catalogue = catalogue
        self.requirements = requirements
        self.targets = targets
        self.setThreshold = setThreshold
        classes = PrincipalClass.classes(of: inventory.principals)
        let askedActions = [AssumeRoleEdgeChecker.action, PassRoleEdgeChecker.action] + EscalationTechnique.all.flatMap(\.actions).uniqued()
        let classes = classes
        let asked = ParallelMap.map(classes.count) { index in askedActions.flatMap { classes[index].statements(for: $0) } }
        let holders = EscalationEdgeChecker.managedPolicyHolders(inventory)
        managedPolicyHolders = holders
        coverageIndex = CoverageIndex(
            universe: inventory.principals.map(\.arn) + inventory.groups.map(\.arn) + holders.keys.sorted(),
            statements: asked.flatMap { $0 }.uniqued())
        var byService: [String: [String]] = [:]
        for role in inventory.roles {
            let services = Set(role.trust?.document.statements.filter { $0.effect == .allow }.flatMap { $0.principal?.values(of: .service) ?? [] } ?? [])
            for service in services { byService[service, default: []].append(role.arn) }
        }
        let index = coverageIndex
        rolesByTrustedService = byService.keys.sorted().map { ($0, TargetList((byService[$0] ?? []).sorted(), index: index)) }
    }

    /// The edge status for a decision, or nil when the access is refused for certain.
    static func status(_ result: AuthorizationResult) -> AccessGraph.EdgeStatus? {
        if result.isDetermined { return result.decision == .allow ? .allowed : nil }
        return result.undetermined?.possibleDecisions.contains(.allow) == true ? .undetermined : nil
    }

    /// The statements of the inputs an edge rests on, each once: those that decide it; the
    /// statements of `trust` that let the caller in by naming its account (the evaluator counts
    /// them as guardrails, but `sts:AssumeRole` needs the trust policy even within an account);
    /// and for an undetermined answer, the statements that would grant it and those it hinges on
    /// (not the unknown policies, which the reason names).
    static func evidence(_ result: AuthorizationResult, admittedBy trust: NamedPolicy? = nil) -> [StatementRef] {
        let allowing = result.undetermined?.allowingStatements ?? []
        let admitting = trust.map { trust in (result.guardrails + allowing).filter { $0.policy == trust.id } } ?? []
        let hingedOn = result.undetermined.map { $0.allowingStatements + $0.residuals.filter { !$0.isUnknownPolicy }.map(\.statement) } ?? []
        return (result.matched + admitting + hingedOn).uniqued()
    }

    /// The reason an edge shows: the evaluator's sentence, and what an undetermined one hinges on.
    static func reason(_ result: AuthorizationResult) -> String {
        guard let undetermined = result.undetermined else { return result.reason }
        return result.reason + "; undetermined: " + undetermined.dependencies.joined(separator: "; ")
    }
}
