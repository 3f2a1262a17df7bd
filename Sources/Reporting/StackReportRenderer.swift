import AccessAssertions
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

    /// `gate` decides what JUnit and SARIF mark as failures; `sarifPaths` how SARIF names files;
    /// `assertions` are the results of an assertions file, when there is one.
    package static func render(_ report: StackReport, as format: Format, toolVersion: String, gate: StackGate, sarifPaths: SARIFPaths,
                               assertions: AssertionReport? = nil) -> String {
        switch format {
        case .text: text(report) + AssertionRenderer.text(assertions)
        case .json: AssertionRenderer.attach(assertions, to: json(report)).rendered()
        case .markdown: markdown(report) + AssertionRenderer.markdown(assertions)
        case .sarif: sarif(report, toolVersion: toolVersion, gate: gate, paths: sarifPaths, assertions: assertions).rendered()
        case .junit: junit(report, gate: gate, assertions: assertions)
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
        var lines = ["AccessGraph \(report.command): \(DisplayText.escaped(report.name))"] + report.notes.map { DisplayText.escaped($0) } + ["", "Pipeline checks"]
        for check in report.checks {
            let subject = report.subjectLabel(of: check).map { " [\(DisplayText.escaped($0))]" } ?? ""
            lines.append("  \(mark(check.status)) \(check.id.rawValue)\(subject): \(DisplayText.escaped(check.reason))")
        }
        lines.append("")
        lines.append(report.findings.isEmpty ? "No findings" : "Findings")
        for finding in report.findings {
            lines.append("  " + text(finding))
        }
        lines.append("")
        lines.append(summary(report))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `severity id [resource] (file:line:col): message`.
    static func text(_ finding: Finding) -> String {
        let place = finding.location.map { " (\(locationText($0)))" } ?? ""
        return "\(finding.severity.rawValue) \(finding.id.rawValue) [\(DisplayText.escaped(finding.resource))]\(place): \(DisplayText.escaped(finding.message))"
            + AssertionRenderer.suppressionText(finding)
    }

    static func summary(_ report: StackReport) -> String {
        let counts = CheckStatus.allCases.map { status in "\(report.checks.filter { $0.status == status }.count) \(status.rawValue)" }
        let bySeverity = Severity.allCases.reversed().map { severity in
            "\(report.findings.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }
        let suppressed = report.findings.filter { $0.suppression != nil }.count
        return "checks: " + counts.joined(separator: ", ") + "; findings: " + bySeverity.joined(separator: ", ")
            + (suppressed > 0 ? " (\(suppressed) suppressed)" : "")
    }

    static func locationText(_ location: SourceLocation) -> String {
        DisplayText.escaped(location.description)
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
                    ("subject", subject(check.subject)),
                    ("requests", .array(check.requests.map(json))),
                ])
            })),
            ("findings", .array(report.findings.map(json))),
        ])
    }

    /// One evaluated request of a check or an assertion.
    static func json(_ request: EvaluatedRequest) -> JSONOutput {
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
    }

    static func json(_ finding: Finding) -> JSONOutput {
        .object([
            ("id", .string(finding.id.rawValue)),
            ("severity", .string(finding.severity.rawValue)),
            ("resource", .string(finding.resource)),
            ("message", .string(finding.message)),
            ("location", location(finding.location)),
            ("evidence", .array(finding.evidence.map { evidence in
                .object([("description", .string(evidence.description)), ("location", location(evidence.location))])
            })),
        ] + [AssertionRenderer.json(finding.suppression)].compactMap { $0 })
    }

    /// The pipeline or domain a check is about; `null` for a check skipped for want of one.
    static func subject(_ subject: CheckSubject?) -> JSONOutput {
        guard let subject else { return .null }
        return .object([("kind", .string(subject.kind.rawValue)), ("label", .string(subject.label)), ("name", subject.name.map(JSONOutput.string) ?? .null)])
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
        // `check`'s heading predates the others and stays as committed reports print it.
        let heading = report.command == "check" ? "## AccessGraph: " : "## AccessGraph \(report.command): "
        var lines = [heading + markdownCell("`\(report.name)`"), ""] + report.notes.flatMap { [markdownCell($0), ""] }
            + ["| | Check | Result |", "| --- | --- | --- |"]
        for check in report.checks {
            let name = markdownCell("`\(check.id.rawValue)`" + (report.subjectLabel(of: check).map { " of `\($0)`" } ?? ""))
            lines.append("| \(mark(check.status)) | \(name) | \(markdownCell(check.reason)) |")
        }
        lines.append("")
        if report.findings.isEmpty {
            lines.append("No findings.")
        } else {
            lines += ["| Severity | Finding | Resource | Message |", "| --- | --- | --- | --- |"]
            for finding in report.findings {
                lines.append("| \(finding.severity.rawValue) | `\(finding.id.rawValue)` | \(markdownCell("`\(finding.resource)`")) | \(markdownCell(finding.message))"
                    + "\(AssertionRenderer.suppressionMarkdown(finding)) |")
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

    /// One SARIF rule: a check or a finding id.
    struct SARIFRule {
        var id: String
        var description: String
        var help: String
        /// The most severe of the rule's findings; nil for checks and assertions, which are not
        /// security rules.
        var severity: Severity?
        /// The tag of a rule that is not a security rule.
        var tag = "pipeline-check"
    }

    /// Code scanning ranks security results by `security-severity`: findings are security
    /// results (over-privilege, exposure, weak trust, missing encryption or logs), scored by their
    /// severity; a rule takes its most severe result's score.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: "8.0"
        case .securityWarning: "5.0"
        case .warning: "3.0"
        case .suggestion: "1.0"
        }
    }

    /// SARIF 2.1.0 for code scanning. A result is `error` exactly when `gate` refuses it (so the
    /// report agrees with the exit code); otherwise unknown checks and warnings are `warning`,
    /// suggestions `note`. Passing and skipped checks have no result.
    /// For `diff`: which results the head brings (`baselineState` `new`; the rest `unchanged`),
    /// and results that only the base had (`absent`), so code scanning shows what a pull request
    /// introduced.
    package struct Baseline: Sendable {
        /// A result of the diff's own (access gained, a policy changed), always `new`.
        package struct Result: Sendable {
            package var rule: String
            package var description: String
            /// The rule's help, after its description.
            package var help: String
            /// Its `security-severity`.
            package var severity: Severity
            package var level: String
            package var message: String
            package var location: SourceLocation?
            /// What its fingerprint hashes: never a position.
            package var key: String

            package init(rule: String, description: String, help: String, severity: Severity, level: String, message: String,
                         location: SourceLocation?, key: String) {
                self.rule = rule
                self.description = description
                self.help = help
                self.severity = severity
                self.level = level
                self.message = message
                self.location = location
                self.key = key
            }
        }

        /// `StackDiff`'s finding keys of the findings the head adds.
        package var newFindingKeys: Set<String>
        /// Findings the base had and the head does not.
        package var absentFindings: [Finding]
        /// Extra results, each with its rule.
        package var extraResults: [Result]

        package init(newFindingKeys: Set<String>, absentFindings: [Finding], extraResults: [Result] = []) {
            self.newFindingKeys = newFindingKeys
            self.absentFindings = absentFindings
            self.extraResults = extraResults
        }
    }

    /// Assertions that fail or cannot be decided are results too (rules `assertion.<kind>`, at
    /// their entry in the assertions file; `new` in a diff, as assertions gate every change), and
    /// a suppressed finding carries SARIF `suppressions` with the reason.
    package static func sarif(
        _ report: StackReport, toolVersion: String, gate: StackGate = StackGate(), paths: SARIFPaths, baseline: Baseline? = nil,
        findingKey: (Finding) -> String = { _ in "" }, assertions: AssertionReport? = nil
    ) -> JSONOutput {
        var rules: [String: SARIFRule] = [:]
        var pending: [(ruleId: String, level: String, message: String, location: SourceLocation?, key: String, state: String?, suppressions: JSONOutput?)] = []
        for check in report.checks where check.status == .fail || check.status == .unknown {
            let id = check.id.rawValue
            rules[id] = SARIFRule(id: id, description: check.title, help: checkHelp, severity: nil)
            let message = (report.subjectLabel(of: check).map { "`\($0)`: " } ?? "") + check.reason
            // The subject is part of the identity, so a second pipeline does not rename the first's results.
            let key = ([id] + [check.subject?.label].compactMap { $0 }).joined(separator: "\u{1F}")
            pending.append((id, gate.refuses(check) ? "error" : "warning", message, check.location, key, baseline.map { _ in "unchanged" }, nil))
        }
        for (finding, key) in zip(report.findings, fingerprintKeys(report.findings)) {
            let id = finding.id.rawValue
            let severity = max(finding.severity, rules[id]?.severity ?? finding.severity)
            rules[id] = SARIFRule(id: id, description: finding.id.summary, help: findingHelp, severity: severity)
            let level = if gate.refuses(finding) { "error" } else {
                switch finding.severity {
                case .error, .securityWarning, .warning: "warning"
                case .suggestion: "note"
                }
            }
            pending.append((id, level, finding.message, finding.location, key, baseline.map { $0.newFindingKeys.contains(findingKey(finding)) ? "new" : "unchanged" },
                            AssertionRenderer.sarifSuppressions(finding, paths: paths)))
        }
        if let baseline {
            for (finding, key) in zip(baseline.absentFindings, fingerprintKeys(baseline.absentFindings)) {
                let id = finding.id.rawValue
                rules[id] = rules[id] ?? SARIFRule(id: id, description: finding.id.summary, help: findingHelp, severity: finding.severity)
                pending.append((id, "note", finding.message, finding.location, key, "absent", AssertionRenderer.sarifSuppressions(finding, paths: paths)))
            }
            for extra in baseline.extraResults {
                rules[extra.rule] = SARIFRule(id: extra.rule, description: extra.description, help: extra.help, severity: extra.severity)
                pending.append((extra.rule, extra.level, extra.message, extra.location, extra.key, "new", nil))
            }
        }
        for result in assertions?.results ?? [] where result.status == .fail || result.status == .unknown {
            let id = AssertionRenderer.ruleId(result.kind)
            rules[id] = SARIFRule(id: id, description: AssertionRenderer.ruleDescription(result.kind), help: AssertionRenderer.ruleHelp, severity: nil, tag: "assertion")
            pending.append((id, gate.refuses(result) ? "error" : "warning", result.title + ": " + result.reason, result.location,
                            [id, result.subject].joined(separator: "\u{1F}"), baseline.map { _ in "new" }, nil))
        }
        let ruleIds = rules.keys.sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIds.enumerated().map { ($0.element, $0.offset) })
        let results = pending.map { result in
            sarifResult(ruleId: result.ruleId, ruleIndex: ruleIndex[result.ruleId] ?? 0, level: result.level, message: result.message,
                        location: result.location, fingerprint: SymbolToken.stableHash(result.key), paths: paths, baselineState: result.state,
                        suppressions: result.suppressions)
        }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("AccessGraph")),
                    ("version", .string(toolVersion)),
                    ("rules", .array(ruleIds.compactMap { rules[$0] }.map(sarifRule))),
                ]))])),
                ("originalUriBaseIds", paths.originalUriBaseIds),
                ("results", .array(results)),
            ])])),
        ])
    }

    static func sarifRule(_ rule: SARIFRule) -> JSONOutput {
        let sentence = rule.description.prefix(1).uppercased() + rule.description.dropFirst() + "."
        let properties: [(String, JSONOutput)] = if let severity = rule.severity {
            [("tags", .array([.string("security")])), ("security-severity", .string(securitySeverity(severity)))]
        } else {
            [("tags", .array([.string(rule.tag)]))]
        }
        return .object([
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.description))])),
            ("help", .object([
                ("text", .string(sentence + " " + rule.help)),
                ("markdown", .string("**" + sentence + "** " + rule.help)),
            ])),
            ("properties", .object(properties)),
        ])
    }

    /// Rule help after the rule's description, in text that reads as Markdown too.
    static let checkHelp = "A pipeline check: AccessGraph decides every request OpenSearch Ingestion makes for it "
        + "(`accessgraph check --format json` lists each with its deciding statements). It fails when a request "
        + "is refused, and is unknown when a decision depends on a value the inputs leave open (which fails the "
        + "gate with `--fail-on-unknown`)."

    static let findingHelp = "A finding names the resource and the statements or properties that cause it; it fails "
        + "the gate when its severity is at or above `--fail-on` (default `error`)."

    /// What a finding's fingerprint hashes: its id, resource and the policies its evidence names,
    /// and how many findings with all of these came before it; never a line number or statement
    /// index, so a result keeps its identity when the template is reformatted or reordered.
    static func fingerprintKeys(_ findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let policies = Set(finding.evidence.compactMap { $0.statement?.policy }).sorted()
            let key = ([finding.id.rawValue, finding.resource] + policies).joined(separator: "\u{1F}")
            defer { seen[key, default: 0] += 1 }
            return key + "\u{1F}\(seen[key, default: 0])"
        }
    }

    static func sarifResult(ruleId: String, ruleIndex: Int, level: String, message: String, location: SourceLocation?,
                            fingerprint: String, paths: SARIFPaths, baselineState: String? = nil, suppressions: JSONOutput? = nil) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("ruleId", .string(ruleId)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level)),
            ("message", .object([("text", .string(message))])),
        ]
        if let location {
            members.append(("locations", .array([.object([("physicalLocation", physicalLocation(location, paths: paths))])])))
        }
        if let suppressions { members.append(("suppressions", suppressions)) }
        members.append(("partialFingerprints", .object([("accessgraph/v1", .string(fingerprint))])))
        if let baselineState { members.append(("baselineState", .string(baselineState))) }
        return .object(members)
    }

    /// A file and, when known, the line and column in it.
    static func physicalLocation(_ location: SourceLocation, paths: SARIFPaths) -> JSONOutput {
        var physical: [(String, JSONOutput)] = [("artifactLocation", paths.artifactLocation(location.file))]
        if location.position.isKnown {
            physical.append(("region", .object([("startLine", .int(location.position.line)), ("startColumn", .int(location.position.column))])))
        }
        return .object(physical)
    }

    /// For each finding, how many findings of its id on its resource came before it (0 for the
    /// first): names that do not change when a finding appears elsewhere.
    static func occurrences(_ findings: [Finding]) -> [Int] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let key = "\(finding.id.rawValue) \(finding.resource)"
            defer { seen[key, default: 0] += 1 }
            return seen[key, default: 0]
        }
    }

    // MARK: JUnit

    /// JUnit XML: a test case per check, per finding and per assertion; a `<failure>` exactly when
    /// `gate` refuses it (so the report agrees with the exit code). Other unknown and skipped
    /// checks, suppressed findings and other undecided or not applicable assertions are
    /// `<skipped>`; other findings pass, with their message as output.
    package static func junit(_ report: StackReport, gate: StackGate = StackGate(), assertions: AssertionReport? = nil) -> String {
        let failures = report.checks.filter(gate.refuses).count
        let skipped = report.checks.filter { !gate.refuses($0) && ($0.status == .skipped || $0.status == .unknown) }.count
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites>",
            #"  <testsuite name="accessgraph.checks" tests="\#(report.checks.count)" failures="\#(failures)" skipped="\#(skipped)">"#,
        ]
        for check in report.checks {
            let name = xml(check.id.rawValue + (report.subjectLabel(of: check).map { " [\($0)]" } ?? ""))
            if gate.refuses(check) {
                lines.append(#"    <testcase classname="pipeline" name="\#(name)">"#)
                let message = check.status == .fail ? check.reason : check.status.rawValue + ": " + check.reason
                lines.append(#"      <failure message="\#(xml(message))"/>"#)
                lines.append("    </testcase>")
                continue
            }
            switch check.status {
            case .pass, .fail:
                lines.append(#"    <testcase classname="pipeline" name="\#(name)"/>"#)
            case .unknown, .skipped:
                lines.append(#"    <testcase classname="pipeline" name="\#(name)">"#)
                lines.append(#"      <skipped message="\#(xml(check.status.rawValue + ": " + check.reason))"/>"#)
                lines.append("    </testcase>")
            }
        }
        lines.append("  </testsuite>")
        // Names number repeats of one id on one resource, so a new finding elsewhere does not
        // rename the others.
        let refusedFindings = report.findings.filter(gate.refuses).count
        let suppressed = report.findings.filter { $0.suppression != nil }.count
        let skippedFindings = suppressed > 0 ? #" skipped="\#(suppressed)""# : ""
        lines.append(#"  <testsuite name="accessgraph.findings" tests="\#(report.findings.count)" failures="\#(refusedFindings)"\#(skippedFindings)>"#)
        for (finding, occurrence) in zip(report.findings, occurrences(report.findings)) {
            let key = "\(finding.id.rawValue) \(finding.resource)"
            let name = xml(occurrence == 0 ? key : "\(key) (\(occurrence + 1))")
            lines.append(#"    <testcase classname="findings" name="\#(name)">"#)
            if gate.refuses(finding) {
                lines.append(#"      <failure message="\#(xml(finding.message))" type="\#(finding.severity.rawValue)"/>"#)
            } else if let suppression = finding.suppression {
                let message = "suppressed until \(suppression.expires) (\(suppression.location)): \(suppression.reason); \(finding.severity.rawValue): \(finding.message)"
                lines.append(#"      <skipped message="\#(xml(message))"/>"#)
            } else {
                lines.append(#"      <system-out>\#(xml(finding.severity.rawValue + ": " + finding.message))</system-out>"#)
            }
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        if let assertions { lines += junit(assertions, gate: gate) }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The assertions' test suite: a test case per assertion, named by its entry.
    static func junit(_ assertions: AssertionReport, gate: StackGate) -> [String] {
        let failures = assertions.results.filter(gate.refuses).count
        let skipped = assertions.results.filter { !gate.refuses($0) && $0.status != .pass }.count
        var lines = [#"  <testsuite name="accessgraph.assertions" tests="\#(assertions.results.count)" failures="\#(failures)" skipped="\#(skipped)">"#]
        // Named by what they assert, not where, so a line added above does not rename them.
        var seen: [String: Int] = [:]
        for result in assertions.results {
            seen[result.title, default: 0] += 1
            let name = xml(seen[result.title] == 1 ? result.title : "\(result.title) (\(seen[result.title] ?? 0))")
            guard result.status != .pass else {
                lines.append(#"    <testcase classname="assertions" name="\#(name)"/>"#)
                continue
            }
            lines.append(#"    <testcase classname="assertions" name="\#(name)">"#)
            let element = gate.refuses(result) ? "failure" : "skipped"
            let message = result.status == .fail ? result.reason : result.status.rawValue + ": " + result.reason
            lines.append(#"      <\#(element) message="\#(xml(message))"/>"#)
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        return lines
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
