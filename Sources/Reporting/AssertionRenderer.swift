import AccessAssertions
import PipelineChecks
import PolicyModel
import PolicyParsing

/// Renders an assertions file's results, as a section of `check`'s and `diff`'s reports in each
/// of their formats (SARIF results and JUnit test cases come from `StackReportRenderer`), and
/// how a suppressed finding says so. Decides nothing.
package enum AssertionRenderer {
    static func mark(_ status: AssertionResult.Status) -> String {
        switch status {
        case .pass: "✓"
        case .fail: "✗"
        case .unknown: "?"
        case .notApplicable: "-"
        }
    }

    /// `assertions: 3 pass, 1 fail, 0 unknown, 1 not-applicable`.
    static func summary(_ report: AssertionReport) -> String {
        "assertions: " + AssertionResult.Status.allCases.map { status in "\(report.results.filter { $0.status == status }.count) \(status.rawValue)" }
            .joined(separator: ", ")
    }

    // MARK: Text

    /// The section after a report's summary line: empty without an assertions file.
    package static func text(_ report: AssertionReport?) -> String {
        guard let report else { return "" }
        var lines = ["", "Assertions (\(DisplayText.escaped(report.file)))"]
        if report.results.isEmpty { lines.append("  (the file asserts nothing)") }
        for result in report.results {
            lines.append("  \(mark(result.status)) \(result.kind.rawValue) \(DisplayText.escaped(result.subject)) "
                + "(\(StackReportRenderer.locationText(result.location))): \(DisplayText.escaped(result.reason))")
            for statement in result.evidence { lines.append("      by \(DisplayText.escaped(statement.description))") }
        }
        lines += ["", summary(report)]
        return lines.joined(separator: "\n") + "\n"
    }

    /// ` (suppressed until 2027-06-30 by accessgraph.yaml:20:5: reason)`, after a finding's text.
    static func suppressionText(_ finding: Finding) -> String {
        guard let suppression = finding.suppression else { return "" }
        return " (suppressed until \(suppression.expires) by \(StackReportRenderer.locationText(suppression.location)): \(DisplayText.escaped(suppression.reason)))"
    }

    // MARK: JSON

    /// The report's JSON object with an `assertions` member last; unchanged without a file.
    package static func attach(_ report: AssertionReport?, to json: JSONOutput) -> JSONOutput {
        guard let report, case .object(let members) = json else { return json }
        return .object(members + [("assertions", self.json(report))])
    }

    static func json(_ report: AssertionReport) -> JSONOutput {
        .object([
            ("file", .string(report.file)),
            ("results", .array(report.results.map { result in
                .object([
                    ("kind", .string(result.kind.rawValue)),
                    ("subject", .string(result.subject)),
                    ("status", .string(result.status.rawValue)),
                    ("reason", .string(result.reason)),
                    ("location", StackReportRenderer.location(result.location)),
                    ("evidence", .array(result.evidence.map(DecisionRenderer.statement))),
                    ("requests", .array(result.requests.map(StackReportRenderer.json))),
                ])
            })),
        ])
    }

    /// A suppressed finding's `suppression` member; nil when it is not suppressed (the member is
    /// then left out).
    static func json(_ suppression: FindingSuppression?) -> (String, JSONOutput)? {
        suppression.map { suppression in
            ("suppression", .object([
                ("reason", .string(suppression.reason)),
                ("expires", .string(suppression.expires)),
                ("location", StackReportRenderer.location(suppression.location)),
            ]))
        }
    }

    // MARK: Markdown

    /// The section after a Markdown report: empty without an assertions file.
    package static func markdown(_ report: AssertionReport?) -> String {
        guard let report else { return "" }
        let cell = StackReportRenderer.markdownCell
        var lines = ["", "### Assertions (\(cell("`\(report.file)`")))", ""]
        if report.results.isEmpty {
            lines.append("The file asserts nothing.")
        } else {
            lines += ["| | Assertion | Result |", "| --- | --- | --- |"]
            for result in report.results {
                let evidence = result.evidence.isEmpty ? "" : " (" + result.evidence.map { cell($0.description) }.joined(separator: "; ") + ")"
                lines.append("| \(mark(result.status)) | \(result.kind.rawValue) \(cell(result.subject)) | \(cell(result.reason))\(evidence) |")
            }
        }
        lines += ["", StackReportRenderer.markdownEscaped(summary(report))]
        return lines.joined(separator: "\n") + "\n"
    }

    /// ` (suppressed until 2027-06-30: reason)`, in a Markdown table cell after the message.
    static func suppressionMarkdown(_ finding: Finding) -> String {
        guard let suppression = finding.suppression else { return "" }
        return " " + StackReportRenderer.markdownCell("(suppressed until \(suppression.expires): \(suppression.reason))")
    }

    // MARK: SARIF

    /// The SARIF rule an assertion's results belong to: `assertion.must-allow`, ...
    static func ruleId(_ kind: AssertionResult.Kind) -> String { "assertion.\(kind.rawValue)" }

    static func ruleDescription(_ kind: AssertionResult.Kind) -> String {
        "a `\(kind.rawValue)` assertion of the assertions file does not hold"
    }

    static let ruleHelp = "An assertion the team keeps in its assertions file (`accessgraph.yaml` or `--config`), decided with the "
        + "evaluator; the result names the entry and the statements that decide it. A failing assertion fails the gate, and an "
        + "undecided one does with `--fail-on-unknown`."

    /// SARIF's `suppressions` for a suppressed finding: accepted outside the source, with why.
    static func sarifSuppressions(_ finding: Finding, paths: SARIFPaths) -> JSONOutput? {
        guard let suppression = finding.suppression else { return nil }
        return .array([.object([
            ("kind", .string("external")),
            ("status", .string("accepted")),
            ("justification", .string("\(suppression.reason) (until \(suppression.expires))")),
            ("location", .object([("physicalLocation", StackReportRenderer.physicalLocation(suppression.location, paths: paths))])),
        ])])
    }
}
