import AccessGraph
import AccessInventory
import PipelineChecks
import PolicyEvaluation
import PolicyModel

/// What changed in effect between two versions of a stack (the two sides of a pull request):
/// access gained and lost on the access graph, checks whose status changed, and findings added,
/// removed and kept. Findings and edges are keyed by structure (ids, principals, resources,
/// actions), never by line numbers, so moving a statement is not a change.
package struct StackDiff: Sendable {
    /// One side: what `check` and `graph` compute for it.
    package struct Side: Sendable {
        package var name: String
        package var report: StackReport
        package var graph: AccessGraph
        /// What the side was analysed from, for assertions that ask the head about its principals.
        package var inventory: Inventory?

        package init(name: String, report: StackReport, graph: AccessGraph, inventory: Inventory? = nil) {
            self.name = name
            self.report = report
            self.graph = graph
            self.inventory = inventory
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

    package var isEmpty: Bool { gained.isEmpty && lost.isEmpty && checks.isEmpty && findingsAdded.isEmpty && findingsRemoved.isEmpty }

    /// A new finding that an assertions file suppresses does not count as new.
    package func fails(on conditions: Set<FailOn>) -> Bool {
        (conditions.contains(.newAccess) && !gained.isEmpty) || (conditions.contains(.newFinding) && findingsAdded.contains { $0.suppression == nil })
            || (conditions.contains(.checkRegression) && checks.contains(where: \.isRegression))
    }

    package static func compare(base: Side, head: Side) -> StackDiff {
        StackDiff(
            base: base.name, head: head.name,
            gained: accessChanges(from: base.graph, to: head.graph), lost: accessChanges(from: head.graph, to: base.graph),
            checks: checkChanges(base.report, head.report),
            findingsAdded: findings(in: head.report, notIn: base.report), findingsRemoved: findings(in: base.report, notIn: head.report),
            findingsUnchanged: head.report.findings.filter { finding in base.report.findings.contains { $0.key == finding.key } })
    }

    /// The access `newer` has that `older` does not, sorted by principal, target and kind.
    static func accessChanges(from older: AccessGraph, to newer: AccessGraph) -> [AccessChange] {
        var olderActions: [EdgeKey: Set<String>] = [:]
        for edge in older.edges { olderActions[EdgeKey(edge), default: []].formUnion(edge.actions) }
        var changes: [AccessChange] = []
        for edge in newer.edges {
            let known = olderActions[EdgeKey(edge)]
            let actions = edge.actions.filter { !(known?.contains($0) ?? false) }
            guard known == nil || !actions.isEmpty else { continue }
            changes.append(AccessChange(from: edge.from, to: edge.to, kind: edge.kind, service: edge.service, actions: actions,
                                        status: edge.status, evidence: edge.evidence))
        }
        return changes.sorted { ($0.from, $0.to, $0.kind.rawValue, $0.service ?? "") < ($1.from, $1.to, $1.kind.rawValue, $1.service ?? "") }
    }

    static func checkChanges(_ base: StackReport, _ head: StackReport) -> [CheckChange] {
        head.checks.compactMap { check in
            let before = base.checks.first { $0.id == check.id }?.status ?? .skipped
            return before == check.status ? nil : CheckChange(id: check.id, base: before, head: check.status, reason: check.reason)
        }
    }

    static func findings(in report: StackReport, notIn other: StackReport) -> [Finding] {
        let keys = Set(other.findings.map(\.key))
        return report.findings.filter { !keys.contains($0.key) }
    }

    /// An edge's identity: who, what, how (and for pass-role, to which service).
    struct EdgeKey: Hashable {
        var from: String
        var to: String
        var kind: AccessGraph.EdgeKind
        var service: String?

        init(_ edge: AccessGraph.Edge) {
            (from, to, kind, service) = (edge.from, edge.to, edge.kind, edge.service)
        }
    }
}

extension Finding {
    /// A finding's identity across versions: its id, resource and message, not where it is written.
    package var key: String { "\(id.rawValue)\u{0}\(resource)\u{0}\(message)" }
}
