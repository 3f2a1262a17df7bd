import PolicyEvaluation
import PolicyModel
import PolicyParsing
import PipelineChecks
import PipelineRequirements

/// Renders `accessgraph check` results: a terminal checklist, JSON, Markdown for a pull-request
/// comment, SARIF 2.1.0 for code scanning, and JUnit XML. Decides nothing; output is
/// deterministic (no clocks, stable order), so committed reports diff meaningfully.
package enum StackReportRenderer {
    package enum Format: String, CaseIterable, Sendable {
        case text, json, markdown, sarif, junit

        package var fileName: String {
            switch self {
            case .text: "report.txt"
            case .json: "report.json"
            case .markdown: "report.md"
            case .sarif: "report.sarif"
            case .junit: "report.junit.xml"
            }
        }
    }

    package static func render(_ report: StackReport, as format: Format, toolVersion: String) -> String {
        switch format {
        case .text: text(report)
        case .json: json(report).rendered()
        case .markdown: markdown(report)
        case .sarif: sarif(report, toolVersion: toolVersion).rendered()
        case .junit: junit(report)
        }
    }

    static func mark(_ status: CheckStatus) -> String {
        switch status {
        case .pass: "✓"
        case .fail: "✗"
        case .unknown: "?"
        case .skipped: "-"
        }
    }

    // MARK: Text

    package static func text(_ report: StackReport) -> String {
        var lines = ["AccessGraph check: \(DisplayText.escaped(report.name))", "", "Pipeline checks"]
        for check in report.checks {
            lines.append("  \(mark(check.status)) \(check.id.rawValue): \(DisplayText.escaped(check.reason))")
        }
        lines.append("")
        lines.append(report.findings.isEmpty ? "No findings" : "Findings")
        for finding in report.findings {
            let place = finding.location.map { " (\(locationText($0)))" } ?? ""
            lines.append("  \(finding.severity.rawValue) \(finding.id.rawValue) [\(DisplayText.escaped(finding.resource))]\(place): \(DisplayText.escaped(finding.message))")
        }
        lines.append("")
        lines.append(summary(report))
        return lines.joined(separator: "\n") + "\n"
    }

    static func summary(_ report: StackReport) -> String {
        let counts = CheckStatus.allCases.map { status in "\(report.checks.filter { $0.status == status }.count) \(status.rawValue)" }
        let bySeverity = Severity.allCases.reversed().map { severity in
            "\(report.findings.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }
        return "checks: " + counts.joined(separator: ", ") + "; findings: " + bySeverity.joined(separator: ", ")
    }

    static func locationText(_ location: SourceLocation) -> String {
        let file = DisplayText.escaped(location.file)
        return location.position.isKnown ? "\(file):\(location.position.line):\(location.position.column)" : file
    }

    // MARK: JSON

    package static func json(_ report: StackReport) -> JSONOutput {
        .object([
            ("template", .string(report.name)),
            ("checks", .array(report.checks.map { check in
                .object([
                    ("id", .string(check.id.rawValue)),
                    ("title", .string(check.title)),
                    ("status", .string(check.status.rawValue)),
                    ("reason", .string(check.reason)),
                    ("location", location(check.location)),
                    ("requests", .array(check.requests.map { request in
                        .object([
                            ("principal", .string(request.principal)),
                            ("action", .string(request.action)),
                            ("resource", .string(request.resource)),
                            ("expected", .string(request.expectation.rawValue)),
                            ("decision", .string(request.decision.rawValue)),
                            ("status", .string(request.verdict.rawValue)),
                            ("reason", .string(request.reason)),
                            ("matched", .array(request.matched.map(DecisionRenderer.statement))),
                            ("unresolved", .array(request.unresolved.map(JSONOutput.string))),
                        ])
                    })),
                ])
            })),
            ("findings", .array(report.findings.map { finding in
                .object([
                    ("id", .string(finding.id.rawValue)),
                    ("severity", .string(finding.severity.rawValue)),
                    ("resource", .string(finding.resource)),
                    ("message", .string(finding.message)),
                    ("location", location(finding.location)),
                    ("evidence", .array(finding.evidence.map { evidence in
                        .object([("description", .string(evidence.description)), ("location", location(evidence.location))])
                    })),
                ])
            })),
        ])
    }

    /// Unknown positions are `null`, as in diagnostics.
    static func location(_ location: SourceLocation?) -> JSONOutput {
        guard let location else { return .null }
        let known = location.position.isKnown
        return .object([
            ("file", .string(location.file)),
            ("line", known ? .int(location.position.line) : .null),
            ("column", known ? .int(location.position.column) : .null),
        ])
    }

    // MARK: Markdown

    package static func markdown(_ report: StackReport) -> String {
        var lines = ["## AccessGraph: " + markdownCell("`\(report.name)`"), "", "| | Check | Result |", "| --- | --- | --- |"]
        for check in report.checks {
            lines.append("| \(mark(check.status)) | `\(check.id.rawValue)` | \(markdownCell(check.reason)) |")
        }
        lines.append("")
        if report.findings.isEmpty {
            lines.append("No findings.")
        } else {
            lines += ["| Severity | Finding | Resource | Message |", "| --- | --- | --- | --- |"]
            for finding in report.findings {
                lines.append("| \(finding.severity.rawValue) | `\(finding.id.rawValue)` | \(markdownCell("`\(finding.resource)`")) | \(markdownCell(finding.message)) |")
            }
        }
        lines += ["", summary(report)]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown for a table cell from text whose backticks delimit code, as messages quote input:
    /// code stays code, and nothing in the text can end the cell (`|`) or the table (a line break),
    /// or start a link, image, HTML, emphasis, maths or another code span. Text between code spans
    /// has every character with a meaning backslash-escaped; code spans hold no backtick (input
    /// backticks only move where code starts and ends), are never empty or adjacent (a double
    /// backtick would open a different span), and an unmatched last backtick is shown literally.
    static func markdownCell(_ text: String) -> String {
        var parts = DisplayText.escaped(text).split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        var unmatchedTail: String?
        if parts.count % 2 == 0 { unmatchedTail = parts.removeLast() }
        var spans: [(isCode: Bool, text: String)] = []
        for (index, part) in parts.enumerated() where !part.isEmpty {
            let isCode = index % 2 == 1
            if isCode, let last = spans.last, last.isCode {
                spans[spans.count - 1].text += part
            } else {
                spans.append((isCode, part))
            }
        }
        var cell = ""
        for span in spans {
            cell += span.isCode ? "`" + span.text.replacingAll("|", with: "\\|") + "`" : markdownEscaped(span.text)
        }
        if let unmatchedTail { cell += "\\`" + markdownEscaped(unmatchedTail) }
        return cell
    }

    /// Plain Markdown text: backslash before each character that could start markup or end a cell.
    static func markdownEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if "\\`*_[]<>|~&$".unicodeScalars.contains(scalar) { result += "\\" }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    // MARK: SARIF

    package static func sarif(_ report: StackReport, toolVersion: String) -> JSONOutput {
        var rules: [String: String] = [:]
        var results: [JSONOutput] = []
        for check in report.checks where check.status == .fail || check.status == .unknown {
            rules[check.id.rawValue] = check.title
            results.append(sarifResult(ruleId: check.id.rawValue, level: check.status == .fail ? "error" : "warning",
                                       message: check.reason, location: check.location))
        }
        for finding in report.findings {
            rules[finding.id.rawValue] = finding.id.summary
            let level = switch finding.severity {
            case .error: "error"
            case .securityWarning, .warning: "warning"
            case .suggestion: "note"
            }
            results.append(sarifResult(ruleId: finding.id.rawValue, level: level, message: finding.message, location: finding.location))
        }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("AccessGraph")),
                    ("version", .string(toolVersion)),
                    ("rules", .array(rules.keys.sorted().map { id in
                        .object([("id", .string(id)), ("shortDescription", .object([("text", .string(rules[id] ?? id))]))])
                    })),
                ]))])),
                ("results", .array(results)),
            ])])),
        ])
    }

    static func sarifResult(ruleId: String, level: String, message: String, location: SourceLocation?) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("ruleId", .string(ruleId)),
            ("level", .string(level)),
            ("message", .object([("text", .string(message))])),
        ]
        if let location {
            var region: [(String, JSONOutput)] = []
            if location.position.isKnown {
                region = [("startLine", .int(location.position.line)), ("startColumn", .int(location.position.column))]
            }
            var physical: [(String, JSONOutput)] = [("artifactLocation", .object([("uri", .string(location.file))]))]
            if !region.isEmpty { physical.append(("region", .object(region))) }
            members.append(("locations", .array([.object([("physicalLocation", .object(physical))])])))
        }
        return .object(members)
    }

    // MARK: JUnit

    package static func junit(_ report: StackReport) -> String {
        let failures = report.checks.filter { $0.status == .fail }.count
        let skipped = report.checks.filter { $0.status == .skipped || $0.status == .unknown }.count
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites>",
            #"  <testsuite name="accessgraph.checks" tests="\#(report.checks.count)" failures="\#(failures)" skipped="\#(skipped)">"#,
        ]
        for check in report.checks {
            let name = xml(check.id.rawValue)
            switch check.status {
            case .pass:
                lines.append(#"    <testcase classname="pipeline" name="\#(name)"/>"#)
            case .fail:
                lines.append(#"    <testcase classname="pipeline" name="\#(name)">"#)
                lines.append(#"      <failure message="\#(xml(check.reason))"/>"#)
                lines.append("    </testcase>")
            case .unknown, .skipped:
                lines.append(#"    <testcase classname="pipeline" name="\#(name)">"#)
                lines.append(#"      <skipped message="\#(xml(check.status.rawValue + ": " + check.reason))"/>"#)
                lines.append("    </testcase>")
            }
        }
        lines.append("  </testsuite>")
        // Findings fail the suite at `error`, the default `--fail-on`; names number repeats of one
        // id on one resource, so a new finding elsewhere does not rename the others.
        let seriousFindings = report.findings.filter { $0.severity >= .error }.count
        lines.append(#"  <testsuite name="accessgraph.findings" tests="\#(report.findings.count)" failures="\#(seriousFindings)">"#)
        var seen: [String: Int] = [:]
        for finding in report.findings {
            let key = "\(finding.id.rawValue) \(finding.resource)"
            seen[key, default: 0] += 1
            let name = xml(seen[key] == 1 ? key : "\(key) (\(seen[key] ?? 0))")
            if finding.severity >= .error {
                lines.append(#"    <testcase classname="findings" name="\#(name)">"#)
                lines.append(#"      <failure message="\#(xml(finding.message))" type="\#(finding.severity.rawValue)"/>"#)
                lines.append("    </testcase>")
            } else {
                lines.append(#"    <testcase classname="findings" name="\#(name)">"#)
                lines.append(#"      <system-out>\#(xml(finding.severity.rawValue + ": " + finding.message))</system-out>"#)
                lines.append("    </testcase>")
            }
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Attribute and element text. Control characters (not allowed in XML 1.0, or turned into
    /// spaces in attributes) and bidirectional-text controls are escaped visibly (`DisplayText`).
    static func xml(_ text: String) -> String {
        var result = ""
        for scalar in DisplayText.escaped(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension String {
    /// Replaces every occurrence without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
