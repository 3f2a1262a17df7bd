import AccessGraph
import AccessInventory
import PipelineChecks
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// What changed in effect between two versions of a stack (the two sides of a pull request):
/// access gained and lost on the access graph, checks whose status changed, findings added,
/// removed and kept, and policy documents whose grants changed. Everything is keyed by structure
/// (ARNs, ids, scopes, actions), never by line numbers, so moving a statement is not a change; a
/// resource whose logical id changed is matched to its base by `Rename`.
package struct StackDiff: Sendable {
    /// One side: its inventory, and what `check` and `graph` compute for it.
    package struct Side: Sendable {
        package var name: String
        package var inventory: Inventory
        package var report: StackReport
        package var graph: AccessGraph

        package init(name: String, inventory: Inventory, report: StackReport, graph: AccessGraph) {
            self.name = name
            self.inventory = inventory
            self.report = report
            self.graph = graph
        }

        /// The side as `check` and `graph` analyse it.
        package static func analyze(_ inventory: Inventory, name: String, catalogue: ServiceCatalogue) -> Side {
            Side(name: name, inventory: inventory, report: StackAnalyzer.analyze(inventory, catalogue: catalogue),
                 graph: AccessGraphBuilder.build(inventory, catalogue: catalogue))
        }
    }

    /// Access one side has and the other does not: an edge, or the actions of an edge.
    package struct AccessChange: Sendable, Hashable {
        package var from: String
        package var to: String
        package var kind: AccessGraph.EdgeKind
        package var service: String?
        /// The actions gained (or lost); all of the edge's when the edge is new (or gone).
        package var actions: [String]
        package var status: AccessGraph.EdgeStatus
        /// The statements that grant it, on the side that has it.
        package var evidence: [StatementRef]
    }

    package struct CheckChange: Sendable, Hashable {
        package var id: CheckID
        /// The pipeline or domain, as the head's report labels it (nil when it has one of its kind).
        package var subject: String?
        package var base: CheckStatus
        package var head: CheckStatus
        /// The head's reason.
        package var reason: String

        /// Worse than before: a check that passed (or was skipped) now fails or cannot be decided,
        /// or one that could not be decided now fails.
        package var isRegression: Bool {
            switch (base, head) {
            case (.pass, .fail), (.pass, .unknown), (.skipped, .fail), (.skipped, .unknown), (.unknown, .fail): true
            default: false
            }
        }
    }

    /// What makes `diff` exit 3 (`--fail-on`).
    package enum FailOn: String, Sendable, CaseIterable {
        case newAccess = "new-access"
        case newFinding = "new-finding"
        case checkRegression = "check-regression"
    }

    package var base: String
    package var head: String
    package var gained: [AccessChange]
    package var lost: [AccessChange]
    package var checks: [CheckChange]
    package var findingsAdded: [Finding]
    package var findingsRemoved: [Finding]
    package var findingsUnchanged: [Finding]
    package var policies: [PolicyChange]
    /// Resources the head names by another logical id (not a change in itself).
    package var renames: [Rename]

    package var isEmpty: Bool {
        gained.isEmpty && lost.isEmpty && checks.isEmpty && findingsAdded.isEmpty && findingsRemoved.isEmpty && policies.isEmpty
    }

    /// A new finding that an assertions file suppresses does not count as new.
    package func fails(on conditions: Set<FailOn>) -> Bool {
        (conditions.contains(.newAccess) && !gained.isEmpty) || (conditions.contains(.newFinding) && findingsAdded.contains { $0.suppression == nil })
            || (conditions.contains(.checkRegression) && checks.contains(where: \.isRegression))
    }

    package static func compare(base: Side, head: Side, catalogue: ServiceCatalogue) -> StackDiff {
        let renames = NamedEntity.renames(base: NamedEntity.all(in: base.inventory), head: NamedEntity.all(in: head.inventory))
        let map = RenameMap(renames)
        let headNaming: (String) -> String = { map.callingBaseNames($0) }
        let policies = PolicyComparison(expansion: ActionExpansion(catalogue: catalogue))
        let baseFindings = Set(base.report.findings.map(\.key))
        let headFindings = Set(head.report.findings.map { $0.key(naming: headNaming) })
        return StackDiff(
            base: base.name, head: head.name,
            gained: accessChanges(from: base.graph, { $0 }, to: head.graph, headNaming),
            lost: accessChanges(from: head.graph, headNaming, to: base.graph, { $0 }),
            checks: checkChanges(base.report, head.report, headNaming: headNaming),
            findingsAdded: head.report.findings.filter { !baseFindings.contains($0.key(naming: headNaming)) },
            findingsRemoved: base.report.findings.filter { !headFindings.contains($0.key) },
            findingsUnchanged: head.report.findings.filter { baseFindings.contains($0.key(naming: headNaming)) },
            policies: policies.changes(base: PolicyComparison.entries(of: base.inventory, naming: { $0 }),
                                       head: PolicyComparison.entries(of: head.inventory, naming: headNaming), headNaming: headNaming),
            renames: renames)
    }

    /// The access `newer` has that `older` does not, sorted by principal, target and kind. Edges
    /// compare by their ends' ARNs in the base's names.
    static func accessChanges(from older: AccessGraph, _ olderNaming: (String) -> String, to newer: AccessGraph,
                              _ newerNaming: (String) -> String) -> [AccessChange] {
        var olderActions: [EdgeKey: Set<String>] = [:]
        for edge in older.edges { olderActions[EdgeKey(edge, naming: olderNaming), default: []].formUnion(edge.actions) }
        var changes: [AccessChange] = []
        for edge in newer.edges {
            let known = olderActions[EdgeKey(edge, naming: newerNaming)]
            let actions = edge.actions.filter { !(known?.contains($0) ?? false) }
            guard known == nil || !actions.isEmpty else { continue }
            changes.append(AccessChange(from: edge.from, to: edge.to, kind: edge.kind, service: edge.service, actions: actions,
                                        status: edge.status, evidence: edge.evidence))
        }
        return changes.sorted { ($0.from, $0.to, $0.kind.rawValue, $0.service ?? "") < ($1.from, $1.to, $1.kind.rawValue, $1.service ?? "") }
    }

    /// A check is the same on both sides when its id and its subject (in the base's names) are;
    /// a check with no subject (skipped: no pipeline) stands for its id's.
    static func checkChanges(_ base: StackReport, _ head: StackReport, headNaming: (String) -> String) -> [CheckChange] {
        head.checks.compactMap { check in
            let subject = check.subject.map { headNaming($0.label) }
            let before = base.checks.first { $0.id == check.id && (subject == nil || $0.subject?.label == subject) }?.status ?? .skipped
            return before == check.status ? nil
                : CheckChange(id: check.id, subject: head.subjectLabel(of: check), base: before, head: check.status, reason: check.reason)
        }
    }

    /// An edge's identity: who, what, how (and for pass-role, to which service).
    struct EdgeKey: Hashable {
        var from: String
        var to: String
        var kind: AccessGraph.EdgeKind
        var service: String?

        init(_ edge: AccessGraph.Edge, naming: (String) -> String) {
            (from, to, kind, service) = (naming(edge.from), naming(edge.to), edge.kind, edge.service)
        }
    }
}

extension Finding {
    /// A finding's identity across versions: its id, resource and message, not where it is written.
    package var key: String { key(naming: { $0 }) }

    /// The key with the logical ids in `naming`'s names (the base's, for the head).
    func key(naming: (String) -> String) -> String { "\(id.rawValue)\u{0}\(naming(resource))\u{0}\(naming(message))" }
}
