import Foundation

/// How an `unknown` check's reason must read, for the tests that walk them (checks of stacks,
/// audits of snapshots): it opens with what is unknown and carries no decision.
package enum UnknownReasonPhrasing {
    /// What is wrong with an unknown check's reason; empty when it opens with what is unknown and
    /// carries no decision.
    package static func problems(_ reason: String) -> [String] {
        var problems: [String] = []
        // The opening clause: up to the first ": " (a reason names what it hinges on after it).
        let opening = reason.components(separatedBy: ": ").first ?? reason
        if !["unknown", "not in the inputs", "do not say"].contains(where: { opening.contains($0) }) {
            problems.append("does not open with what is unknown: \(opening)")
        }
        for decision in ["ImplicitDeny", "ExplicitDeny", " — "] where reason.contains(decision) {
            problems.append("reads like a decision (`\(decision)`)")
        }
        for verdict in [" needs `", " must not get `"] where opening.contains(verdict) {
            problems.append("reads like a failed requirement (`\(verdict)`)")
        }
        return problems
    }
}
