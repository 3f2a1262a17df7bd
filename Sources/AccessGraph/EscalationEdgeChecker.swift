import AccessInventory
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// `can-escalate`: every `EscalationTechnique` asked for each principal class, with the same
/// grouping of targets as `can-pass-role` (one evaluation per group of targets the class's
/// statements cover alike), so a technique allowed on `*` is one edge per set, not per role.
struct EscalationEdgeChecker: EdgeChecker {
    func edges(_ context: GraphContext, nodes: inout NodeSet) -> [AccessGraph.Edge] {
        let inventory = context.inventory
        let groups = inventory.groups.sorted { $0.arn < $1.arn }
        let holders = context.managedPolicyHolders
        let index = context.coverageIndex
        let withInstanceProfile = Set(inventory.roles.filter { !$0.instanceProfiles.isEmpty }.map(\.arn))
        let targets = Targets(users: TargetList(inventory.users.map(\.arn).sorted(), index: index),
                              roles: TargetList(inventory.roles.map(\.arn).sorted(), index: index),
                              groups: TargetList(groups.map(\.arn), index: index), policies: TargetList(holders.keys.sorted(), index: index), holders: holders,
                              allHolders: holders.values.flatMap { $0 }.uniqued().sorted(),
                              passableWithInstanceProfile: Dictionary(uniqueKeysWithValues: context.rolesByTrustedService.map { service, roles in
                                  (service, TargetList(roles.arns.filter(withInstanceProfile.contains), index: index))
                              }))
        // Each technique asks its own questions: classes merged for its actions (and for
        // `iam:PassRole` when it passes a role), one task per technique and class.
        let techniques = EscalationTechnique.all
        let merged = ParallelMap.map(techniques.count) { position in
            let technique = techniques[position]
            return PrincipalClass.merged(context.classes, for: technique.actions + (technique.passedService == nil ? [] : [PassRoleEdgeChecker.action]))
        }
        let asked = zip(techniques, merged).flatMap { technique, classes in classes.map { (technique, $0) } }
        let found = ParallelMap.map(asked.count) { index -> [(EscalationTechnique, ClassGrant)] in
            let (technique, principals) = asked[index]
            return Self.grants(technique, principals, targets: targets, context: context).map { (technique, $0) }
        }
        let edges = found.flatMap { $0 }.flatMap { technique, grant in
            grant.edges(kind: .canEscalate, actions: technique.actions + (grant.service == nil ? [] : [PassRoleEdgeChecker.action]),
                        nodes: &nodes, context: context)
        }
        let joined = Set(edges.map(\.to))
        for group in groups where joined.contains(group.arn) { nodes.add(group.arn, .group, group.label) }
        return edges
    }

    /// What techniques are asked about, each list read once.
    struct Targets: Sendable {
        var users: TargetList
        var roles: TargetList
        var groups: TargetList
        /// Customer managed policies attached to someone, and to whom.
        var policies: TargetList
        var holders: [String: [String]]
        /// Everyone some customer managed policy is attached to, sorted.
        var allHolders: [String]
        /// Per service, the roles passable to it that have an instance profile (EC2 runs only those).
        var passableWithInstanceProfile: [String: TargetList]
    }

    static func grants(_ technique: EscalationTechnique, _ principals: PrincipalClass, targets: Targets, context: GraphContext) -> [ClassGrant] {
        guard technique.actions.allSatisfy(principals.mayAllow) else { return [] }
        let holders = targets.holders
        func ask(on targets: TargetList, label: String) -> [ClassGrant] {
            guard let action = technique.actions.first else { return [] }
            return ClassGrant.ask(principals, action, on: targets, context: context, setLabel: label).map { grant in
                var grant = grant
                grant.technique = technique.name
                grant.reason = "\(technique.summary): `\(action)` \(grant.reason)"
                return grant
            }
        }
        switch technique.target {
        case .role:
            return ask(on: targets.roles, label: "roles whose permissions it can change (\(technique.name))")
        case .user:
            return ask(on: targets.users, label: "users whose permissions or credentials it can change (\(technique.name))")
        case .group:
            guard principals.representative.kind == .user else { return [] }
            return ask(on: targets.groups, label: "groups it can join")
        case .managedPolicy:
            // Asked per group of policies covered alike; the edge reaches every principal one of
            // them is attached to, once.
            return ask(on: targets.policies, label: "").map { grant in
                var reached = grant
                // A grant on every policy (`Resource: "*"`) reaches everyone who holds one: worked out once.
                reached.targets = grant.targets.count == targets.policies.arns.count ? targets.allHolders
                    : grant.targets.flatMap { holders[$0] ?? [] }.uniqued().sorted()
                let shown = grant.targets.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                reached.reason += " (" + shown + (grant.targets.count > 3 ? " and \(grant.targets.count - 3) more" : "") + ")"
                reached.setLabel = "principals with a managed policy it can rewrite attached"
                return reached
            }
        case .passedRole(let service):
            guard let passable = context.rolesByTrustedService.first(where: { $0.service == service })?.roles else { return [] }
            guard let roles = technique.needsInstanceProfile ? targets.passableWithInstanceProfile[service] : passable else { return [] }
            let passed = ClassGrant.ask(principals, PassRoleEdgeChecker.action, on: roles, with: ["iam:PassedToService": .single(service)],
                                        context: context, setLabel: "", service: service)
            guard !passed.isEmpty, let created = runs(technique, principals, context: context) else { return [] }
            return passed.map { grant in
                var grant = grant
                grant.technique = technique.name
                grant.setLabel = "roles it can run code as through \(service)"
                grant.status = grant.status == .allowed && created.status == .allowed ? .allowed : .undetermined
                grant.reason = "\(technique.summary): `iam:PassRole` \(grant.reason); \(created.reason)"
                grant.evidence = (grant.evidence + created.evidence).uniqued()
                return grant
            }
        }
    }

    /// Whether the class may create and start the resource that runs its code: every action of
    /// the technique asked on the ARN of a new resource of the type the catalogue gives.
    static func runs(_ technique: EscalationTechnique, _ principals: PrincipalClass, context: GraphContext)
        -> (status: AccessGraph.EdgeStatus, reason: String, evidence: [StatementRef])? {
        var status = AccessGraph.EdgeStatus.allowed
        var reasons: [String] = []
        var evidence: [StatementRef] = []
        for action in technique.actions {
            let resource = newResourceARN(action, for: principals.representative, catalogue: context.catalogue)
            let result = context.authorizer.authorize(principals.request(action, on: resource), policies: principals.policies)
            guard let actionStatus = GraphContext.status(result) else { return nil }
            if actionStatus == .undetermined { status = .undetermined }
            reasons.append("`\(action)` \(GraphContext.reason(result))")
            evidence += GraphContext.evidence(result)
        }
        return (status, reasons.joined(separator: "; "), evidence)
    }

    /// The ARN a resource created by `action` would have: the catalogue's ARN format for the
    /// action's first required resource type, in the caller's partition and account, with every
    /// other part (region, name) a symbol the caller chooses; `*` for an action without one.
    static func newResourceARN(_ action: String, for principal: InventoryPrincipal, catalogue: ServiceCatalogue) -> String {
        let types = catalogue.resourceTypes(forAction: action)
        guard let type = (types.first { $0.isRequired } ?? types.first)?.resourceType, let template = type.arnTemplates.first else { return "*" }
        let split = SplitARN(principal.arn)
        var known: [String: String] = ["Account": principal.account ?? SymbolToken.make("AWS.AccountId")]
        known["Partition"] = split.prefix?[1] ?? principal.homePartition ?? SymbolToken.make("AWS.Partition")
        var result = ""
        var rest = Substring(template)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            let name = String(rest[open.upperBound..<close])
            result += known[name] ?? SymbolToken.make("New.\(name)")
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Each customer managed policy (by ARN) with the principals it is attached to, directly or
    /// through a group. AWS managed policies cannot be given new versions.
    static func managedPolicyHolders(_ inventory: Inventory) -> [String: [String]] {
        func managedARN(_ attachment: AttachedPolicy.Attachment) -> String? {
            switch attachment {
            case .managed(let arn, let awsManaged): return awsManaged ? nil : arn
            case .group(_, let via): return managedARN(via)
            case .inline, .policyResource: return nil
            }
        }
        var holders: [String: [String]] = [:]
        for principal in inventory.principals {
            // A boundary only limits: a new version of it grants nothing the other policies do not.
            for policy in principal.policies {
                if let arn = managedARN(policy.attachment) { holders[arn, default: []].append(principal.arn) }
            }
        }
        return holders.mapValues { $0.uniqued().sorted() }
    }
}
