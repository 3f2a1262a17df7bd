import AccessAssertions
import PipelineChecks
import PolicyModel
import PolicyParsing
import StackDiff

/// Renders a `StackDiff`: text for a terminal, JSON, and Markdown written to be posted as one
/// pull-request comment (a summary line, tables, the unchanged findings collapsed). Decides nothing.
package enum StackDiffRenderer {
    package enum Format: String, CaseIterable, Sendable {
        case text, json, markdown, sarif
    }

    /// - Parameters:
    ///   - head: the head's report, for SARIF (its results, marked new, unchanged or absent).
    ///   - failOn: what the command refuses, so SARIF levels agree with the exit code.
    ///   - assertions: the results of an assertions file, when there is one (after the diff).
    package static func render(_ diff: StackDiff, as format: Format, head: StackReport, failOn: Set<StackDiff.FailOn> = [],
                               toolVersion: String = "", paths: SARIFPaths, assertions: AssertionReport? = nil) -> String {
        switch format {
        case .text: text(diff) + AssertionRenderer.text(assertions)
        case .json: AssertionRenderer.attach(assertions, to: json(diff)).rendered()
        case .markdown: markdown(diff) + AssertionRenderer.markdown(assertions)
        case .sarif: sarif(diff, head: head, failOn: failOn, toolVersion: toolVersion, paths: paths, assertions: assertions).rendered()
        }
    }

    /// The head's SARIF with `baselineState` on every result, the base's vanished findings as
    /// `absent`, and each access gained as a `new` result of rule `access.gained`.
    static func sarif(_ diff: StackDiff, head: StackReport, failOn: Set<StackDiff.FailOn>, toolVersion: String, paths: SARIFPaths,
                      assertions: AssertionReport? = nil) -> JSONOutput {
        let gained = diff.gained.map { change in
            let statement = change.evidence.first
            return (rule: "access.gained", description: "access the change grants that the base did not",
                    level: failOn.contains(.newAccess) ? "error" : "warning",
                    message: "`\(change.from)` gains \(changeLine(change, sign: "").dropFirst())",
                    location: statement.map { SourceLocation(file: diff.head, position: $0.position) },
                    key: ["access.gained", change.from, change.to, change.kind.rawValue, change.service ?? ""].joined(separator: "\u{1F}"))
        }
        let baseline = StackReportRenderer.Baseline(newFindingKeys: Set(diff.findingsAdded.map(\.key)), absentFindings: diff.findingsRemoved,
                                                    extraResults: gained)
        return StackReportRenderer.sarif(head, toolVersion: toolVersion, paths: paths, baseline: baseline, findingKey: \.key, assertions: assertions)
    }

    static func summary(_ diff: StackDiff) -> String {
        let regressions = diff.checks.filter(\.isRegression).count
        return "access gained: \(diff.gained.count), lost: \(diff.lost.count); checks changed: \(diff.checks.count) (\(regressions) regression\(regressions == 1 ? "" : "s")); "
            + "findings: \(diff.findingsAdded.count) new, \(diff.findingsRemoved.count) removed, \(diff.findingsUnchanged.count) unchanged"
    }

    /// `+ can-act → target: actions [status]`, the first line of a change.
    static func changeLine(_ change: StackDiff.AccessChange, sign: String) -> String {
        let service = change.service.map { " (to \($0))" } ?? ""
        let actions = change.actions.isEmpty ? "" : ": " + change.actions.joined(separator: ", ")
        return "\(sign) \(change.kind.rawValue)\(service) → \(DisplayText.escaped(change.to))\(DisplayText.escaped(actions)) [\(change.status.rawValue)]"
    }

    // MARK: Text

    package static func text(_ diff: StackDiff) -> String {
        var lines = ["AccessGraph diff: \(DisplayText.escaped(diff.base)) → \(DisplayText.escaped(diff.head))", ""]
        if diff.isEmpty {
            lines.append("No change in access, checks or findings.")
        }
        for (title, changes, sign) in [("Access gained", diff.gained, "+"), ("Access lost", diff.lost, "-")] where !changes.isEmpty {
            lines.append(title)
            for (principal, group) in changes.groupedInOrder(by: \.from) {
                lines.append("  \(DisplayText.escaped(principal))")
                for change in group {
                    lines.append("    " + changeLine(change, sign: sign))
                    for statement in change.evidence { lines.append("      by \(DisplayText.escaped(statement.description))") }
                }
            }
            lines.append("")
        }
        if !diff.checks.isEmpty {
            lines.append("Checks changed")
            for check in diff.checks {
                let mark = check.isRegression ? "regression" : "change"
                lines.append("  \(check.id.rawValue): \(check.base.rawValue) → \(check.head.rawValue) (\(mark)): \(DisplayText.escaped(check.reason))")
            }
            lines.append("")
        }
        for (title, findings) in [("Findings added", diff.findingsAdded), ("Findings removed", diff.findingsRemoved)] where !findings.isEmpty {
            lines.append(title)
            for finding in findings { lines.append("  " + StackReportRenderer.text(finding)) }
            lines.append("")
        }
        lines.append(summary(diff))
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    package static func json(_ diff: StackDiff) -> JSONOutput {
        func changes(_ list: [StackDiff.AccessChange]) -> JSONOutput {
            .array(list.map { change in
                .object([
                    ("from", .string(change.from)), ("to", .string(change.to)), ("kind", .string(change.kind.rawValue)),
                    ("service", .optional(change.service)), ("actions", .array(change.actions.map(JSONOutput.string))),
                    ("status", .string(change.status.rawValue)), ("evidence", .array(change.evidence.map(DecisionRenderer.statement))),
                ])
            })
        }
        return .object([
            ("base", .string(diff.base)), ("head", .string(diff.head)), ("empty", .bool(diff.isEmpty)),
            ("accessGained", changes(diff.gained)), ("accessLost", changes(diff.lost)),
            ("checks", .array(diff.checks.map { check in
                .object([("id", .string(check.id.rawValue)), ("base", .string(check.base.rawValue)), ("head", .string(check.head.rawValue)),
                         ("regression", .bool(check.isRegression)), ("reason", .string(check.reason))])
            })),
            ("findingsAdded", .array(diff.findingsAdded.map(StackReportRenderer.json))),
            ("findingsRemoved", .array(diff.findingsRemoved.map(StackReportRenderer.json))),
            ("findingsUnchanged", .array(diff.findingsUnchanged.map(StackReportRenderer.json))),
        ])
    }

    // MARK: Markdown

    package static func markdown(_ diff: StackDiff) -> String {
        let cell = StackReportRenderer.markdownCell
        var lines = ["## AccessGraph diff", "", "**" + StackReportRenderer.markdownEscaped(summary(diff)) + "**", ""]
        for (title, changes) in [("Access gained", diff.gained), ("Access lost", diff.lost)] where !changes.isEmpty {
            lines += ["### \(title)", "", "| Principal | Access | Target | Actions | Granted by |", "| --- | --- | --- | --- | --- |"]
            for change in changes {
                lines.append("| \(cell("`\(change.from)`")) | \(change.kind.rawValue)\(change.service.map { " (\(cell($0)))" } ?? "") | \(cell("`\(change.to)`")) | "
                    + change.actions.map { cell("`\($0)`") }.joined(separator: ", ") + " | " + change.evidence.map { cell($0.description) }.joined(separator: "; ") + " |")
            }
            lines.append("")
        }
        if !diff.checks.isEmpty {
            lines += ["### Checks changed", "", "| Check | Before | Now | Why |", "| --- | --- | --- | --- |"]
            for check in diff.checks {
                lines.append("| `\(check.id.rawValue)`\(check.isRegression ? " (regression)" : "") | \(check.base.rawValue) | \(check.head.rawValue) | \(cell(check.reason)) |")
            }
            lines.append("")
        }
        for (title, findings) in [("Findings added", diff.findingsAdded), ("Findings removed", diff.findingsRemoved)] where !findings.isEmpty {
            lines += ["### \(title)", "", "| Severity | Finding | Resource | Message |", "| --- | --- | --- | --- |"]
            for finding in findings {
                lines.append("| \(finding.severity.rawValue) | `\(finding.id.rawValue)` | \(cell(finding.resource)) | \(cell(finding.message))\(AssertionRenderer.suppressionMarkdown(finding)) |")
            }
            lines.append("")
        }
        if !diff.findingsUnchanged.isEmpty {
            lines += ["<details><summary>\(diff.findingsUnchanged.count) unchanged findings</summary>", ""]
            for finding in diff.findingsUnchanged {
                lines.append("- \(finding.severity.rawValue) `\(finding.id.rawValue)` \(cell(finding.resource)): \(cell(finding.message))\(AssertionRenderer.suppressionMarkdown(finding))")
            }
            lines += ["", "</details>", ""]
        }
        return lines.joined(separator: "\n")
    }
}
