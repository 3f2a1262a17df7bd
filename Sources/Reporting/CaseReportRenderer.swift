import Conformance
import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// Renders a conformance run: each failing or unreadable case, then the summary line that
/// FORMAT.md requires. Text from the cases is escaped (`DisplayText`), one line per item.
package enum CaseReportRenderer {
    package static func text(_ report: CaseRunner.Report) -> String {
        var output = ""
        for outcome in report.outcomes {
            switch outcome.status {
            case .passed, .skipped:
                continue
            case .unreadable:
                for diagnostic in outcome.diagnostics { output += diagnostic.description + "\n" }
            case .failed:
                output += "FAIL \(DisplayText.escaped(outcome.id)) (\(DisplayText.escaped(outcome.file)))\n"
                output += "  expected: \(outcome.expected?.rawValue ?? "?")\n"
                output += "  actual:   \(outcome.result?.decision.rawValue ?? "?")\n"
                if let detail = outcome.detail { output += "  problem:  \(DisplayText.escaped(detail))\n" }
                if let result = outcome.result {
                    output += "  why:      \(DisplayText.escaped(result.reason))\n"
                    for ref in result.matched { output += "  matched:  \(DisplayText.escaped(ref.description))\n" }
                    for miss in result.nearMisses {
                        output += "  near miss: " + DisplayText.escaped("\(miss.statement): " + miss.mismatches.map(\.detail).joined(separator: "; ")) + "\n"
                    }
                }
            }
        }
        let unreadable = report.count(.unreadable)
        if unreadable > 0 { output += "\(unreadable) file\(unreadable == 1 ? "" : "s") could not be read as cases\n" }
        return output + report.summaryLine + "\n"
    }

    package static func json(_ report: CaseRunner.Report) -> JSONOutput {
        .object([
            ("cases", .array(report.outcomes.map { outcome in
                .object([
                    ("id", .string(outcome.id)),
                    ("file", .string(outcome.file)),
                    ("status", .string(outcome.status.rawValue)),
                    ("expected", .optional(outcome.expected?.rawValue)),
                    ("actual", .optional(outcome.result?.decision.rawValue)),
                    ("detail", .optional(outcome.detail)),
                    ("explanation", outcome.result.map { result in
                        DecisionRenderer.explanation(result)
                    } ?? .null),
                    ("errors", .array(outcome.diagnostics.map { .string($0.description) })),
                ])
            })),
            ("summary", .object([
                ("passed", .int(report.count(.passed))),
                ("failed", .int(report.count(.failed))),
                ("skipped", .int(report.count(.skipped))),
                ("unreadable", .int(report.count(.unreadable))),
                ("line", .string(report.summaryLine)),
            ])),
        ])
    }
}
