@testable import Conformance
import AccessGraph
import Foundation
import PipelineChecks
import PolicyEvaluation
import PolicyModel
import PolicyParsing
@testable import Reporting
import Testing
import TestSupport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Names from templates and policies are attacker-controlled in CI: whatever they hold, every
/// format keeps its structure. Text never prints a control character, a line or paragraph
/// separator or a bidirectional-text control from its input; Markdown cells, Mermaid and DOT
/// strings cannot be ended early; JSON and XML stay well-formed and lose nothing.
@Suite struct HostileNameTests {
    typealias Fixture = ReportFixture

    /// A newline followed by what a compiler error looks like.
    static let forged = "x\nfile.json:1:1: error[x]: forged"
    /// Clears the screen and turns the rest red.
    static let escape = "\u{1B}[2J\u{1B}[31mred"
    /// Right-to-left override, a line separator, a paragraph separator, a tab, DEL and a C1 CSI.
    static let invisible = "abc\u{202E}cba\u{2028}\u{2029}\t\u{7F}\u{9B}"
    /// Ends a Markdown cell or code span, opens HTML and a link.
    static let markdown = "a|b `c`` <img src=x onerror=alert(1)> [link](http://e) *em* $x$"
    /// Ends a Mermaid string and shape, then draws an edge.
    static let mermaid = #""]; X-->Y"#
    static let names = [forged, escape, invisible, markdown, mermaid]

    /// The report of `ReportFixture` with every input-derived string replaced by a hostile one.
    static func report() -> StackReport {
        var report = Fixture.report()
        report.name = forged + ".json"
        for index in report.checks.indices {
            report.checks[index].reason = names[index % names.count] + " " + markdown
        }
        for index in report.findings.indices {
            report.findings[index].resource = names[(index + 1) % names.count]
            report.findings[index].message = "`" + names[(index + 2) % names.count] + "` " + escape
            report.findings[index].location = report.findings[index].location.map {
                SourceLocation(file: forged + ".json", position: $0.position)
            }
        }
        return report
    }

    /// No scalar that `DisplayText` escapes, except the renderer's own line feeds, and exactly
    /// `lines` lines, none of which pretends to be a diagnostic.
    static func expectSafeText(_ output: String, lines: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let unsafe = output.unicodeScalars.filter { DisplayText.needsEscape($0) && $0 != "\n" }
        #expect(unsafe.isEmpty, "raw \(unsafe.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
        let split = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(split.count == lines + 1 && split.last == "", "\(split.count - 1) lines:\n\(output)", sourceLocation: sourceLocation)
        #expect(!split.contains { $0.hasPrefix("file.json:1:1") }, sourceLocation: sourceLocation)
    }

    @Test func displayTextEscapesVisiblyAndLeavesOtherTextAlone() {
        #expect(DisplayText.escaped(Self.forged) == #"x\nfile.json:1:1: error[x]: forged"#)
        #expect(DisplayText.escaped(Self.escape) == #"\u{1B}[2J\u{1B}[31mred"#)
        #expect(DisplayText.escaped(Self.invisible) == #"abc\u{202E}cba\u{2028}\u{2029}\t\u{7F}\u{9B}"#)
        #expect(DisplayText.escaped("\r\u{0}\u{61C}\u{200E}\u{200F}\u{2066}\u{2069}") == #"\r\u{0}\u{61C}\u{200E}\u{200F}\u{2066}\u{2069}"#)
        #expect(DisplayText.escaped(#"C:\dir ⟦AWS.AccountId⟧ → é"#) == #"C:\dir ⟦AWS.AccountId⟧ → é"#)
        #expect(DisplayText.escaped("usage\n\u{1B}x", keepingLineFeeds: true) == "usage\n\\u{1B}x")
    }

    @Test func diagnosticsStayOneLineEach() {
        let diagnostic = Diagnostic(severity: .error, code: "lint.x", message: "unknown action `\(Self.forged)`", file: Self.escape,
                                    position: SourcePosition(line: 2, column: 3), help: Self.invisible)
        #expect(diagnostic.description == #"\u{1B}[2J\u{1B}[31mred:2:3: error[lint.x]: unknown action `x\nfile.json:1:1: error[x]: forged`"#)
        let text = DiagnosticRenderer.text([diagnostic], fileCount: 1)
        Self.expectSafeText(text, lines: 3)
        #expect(text.contains(#"  help: abc\u{202E}cba"#))
    }

    @Test func stackTextKeepsOneLinePerCheckAndFinding() {
        let hostile = StackReportRenderer.text(Self.report())
        let benign = StackReportRenderer.text(Fixture.report())
        Self.expectSafeText(hostile, lines: benign.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        #expect(hostile.hasPrefix(#"AccessGraph check: x\nfile.json:1:1: error[x]: forged.json"#))
        #expect(hostile.contains(#"  error domain.policy-open-to-everyone [\u{1B}[2J\u{1B}[31mred] (x\nfile.json:1:1: error[x]: forged.json:40:7): "#))
    }

    /// A Sid with a newline, in every line that names the statement.
    @Test func decisionTextKeepsOneLinePerStatement() throws {
        let sid = Self.forged.replacingOccurrences(of: "\n", with: "\\n")
        let policy = try Fixture.policy(Self.escape,
            #"{"Sid": "\#(sid)", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*"}"#,
            #"{"Sid": "\#(sid)", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::other/*"}"#)
        let allowed = Fixture.request("s3:GetObject", on: "arn:aws:s3:::exports/a\u{202E}.json")
        let allowText = DecisionRenderer.text(Authorizer().authorize(allowed, policies: PolicySet(identity: [policy])), request: allowed)
        Self.expectSafeText(allowText, lines: 3)
        #expect(allowText.contains(#"  allowed by: \u{1B}[2J\u{1B}[31mred statement 0 (x\nfile.json:1:1: error[x]: forged) at 2:3"#))

        let denied = Fixture.request("s3:PutObject", on: "arn:aws:s3:::exports/a.json")
        let denyText = DecisionRenderer.text(Authorizer().authorize(denied, policies: PolicySet(identity: [policy])), request: denied)
        Self.expectSafeText(denyText, lines: 6)
        #expect(denyText.contains(#"  nearest miss: \u{1B}[2J\u{1B}[31mred statement 1 (x\nfile.json:1:1: error[x]: forged) at 3:3"#))
    }

    @Test func caseTextKeepsOneLinePerItem() throws {
        let policy = try Fixture.policy("identity[0]",
            #"{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"}"#)
        let request = Fixture.request("s3:GetObject", on: "arn:aws:s3:::exports/a.json")
        let result = Authorizer().authorize(request, policies: PolicySet(identity: [policy]))
        let unreadable = Diagnostic(severity: .error, code: "case.x", message: Self.forged, file: Self.escape, position: SourcePosition(line: 1, column: 1))
        let report = CaseRunner.Report(outcomes: [
            CaseRunner.Outcome(file: Self.invisible, id: Self.forged, status: .failed, expected: .allow, result: result, detail: Self.escape, diagnostics: []),
            CaseRunner.Outcome(file: Self.escape, id: Self.escape, status: .unreadable, expected: nil, result: nil, detail: nil, diagnostics: [unreadable]),
        ])
        let text = CaseReportRenderer.text(report)
        Self.expectSafeText(text, lines: 9)
        #expect(text.hasPrefix(#"FAIL x\nfile.json:1:1: error[x]: forged (abc\u{202E}cba\u{2028}\u{2029}\t\u{7F}\u{9B})"#))
    }

    /// JSON escapes what text escapes (as `\uXXXX`) and reads back to the very same strings.
    @Test func jsonEscapesEveryInvisibleCharacterAndLosesNothing() throws {
        let rendered = StackReportRenderer.json(Self.report()).rendered()
        #expect(!rendered.unicodeScalars.contains { DisplayText.needsEscape($0) && $0 != "\n" })
        #expect(rendered.contains(#""x\nfile.json:1:1: error[x]: forged.json""#))
        #expect(rendered.contains(#"abc\u202ecba\u2028\u2029\t\u007f\u009b"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        #expect(object["template"] as? String == Self.forged + ".json")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["resource"] as? String } == Self.report().findings.map(\.resource))
        #expect(findings.map { $0["message"] as? String } == Self.report().findings.map(\.message))
    }

    /// Every row has exactly its columns' pipes; every backtick run is a single backtick and they
    /// pair up within the cell; `<`, `[`, `*` and `$` outside code are escaped.
    @Test func markdownCellsCannotBeBrokenOutOf() {
        let markdown = StackReportRenderer.markdown(Self.report())
        #expect(!markdown.unicodeScalars.contains { DisplayText.needsEscape($0) && $0 != "\n" })
        // Two tables, checks (3 columns) then findings (4), each with a header and a separator row.
        let tables = markdown.split(separator: "\n\n").filter { $0.hasPrefix("|") }
        #expect(tables.count == 2)
        let report = Self.report()
        for (table, shape) in zip(tables, [(columns: 3, rows: report.checks.count), (columns: 4, rows: report.findings.count)]) {
            let rows = table.split(separator: "\n")
            #expect(rows.count == 2 + shape.rows)
            for cell in rows.flatMap({ row in Self.markdownCells(String(row)) }) {
                Self.expectInertMarkdown(cell)
            }
            #expect(rows.allSatisfy { Self.markdownCells(String($0)).count == shape.columns }, "\(rows)")
        }
        // The heading's name is one code span, its line break shown as `\n`.
        #expect(markdown.hasPrefix(#"## AccessGraph: `x\nfile.json:1:1: error[x]: forged.json`"#))
    }

    @Test func markdownCellKeepsCodeAndEscapesTheRest() {
        #expect(StackReportRenderer.markdownCell("`es:*` on `*`") == "`es:*` on `*`")
        #expect(StackReportRenderer.markdownCell("<b>|*x*|</b>") == #"\<b\>\|\*x\*\|\</b\>"#)
        // An input backtick only moves where code ends; a double one joins spans; a last one is literal.
        #expect(StackReportRenderer.markdownCell("role `a`b` here") == #"role `a`b\` here"#)
        #expect(StackReportRenderer.markdownCell("`a``b`") == "`ab`")
        #expect(StackReportRenderer.markdownCell("``") == "")
        #expect(StackReportRenderer.markdownCell("`a|b` c\nd") == #"`a\|b` c\\nd"#)
    }

    /// GFM cells: split at pipes not escaped by a backslash, without the outer ones.
    static func markdownCells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; current.append(character); continue }
            if character == "|" { cells.append(current); current = ""; continue }
            current.append(character)
        }
        cells.append(current)
        return Array(cells.dropFirst().dropLast())
    }

    /// Backtick runs are single and pair up; outside code, `<`, `[`, `*`, `$`, `_`, `~` and `&`
    /// are backslash-escaped.
    static func expectInertMarkdown(_ cell: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var inCode = false
        var escaped = false
        var previous: Character = " "
        for character in cell {
            defer { previous = character }
            if escaped { escaped = false; continue }
            if character == "`" {
                #expect(previous != "`", "a double backtick in \(cell)", sourceLocation: sourceLocation)
                inCode.toggle()
                continue
            }
            if inCode { continue }
            if character == "\\" { escaped = true; continue }
            #expect(!"<[*$_~&".contains(character), "unescaped `\(character)` in \(cell)", sourceLocation: sourceLocation)
        }
        #expect(!inCode, "an unclosed code span in \(cell)", sourceLocation: sourceLocation)
    }

    static let graph = AccessGraph(nodes: [
        AccessGraph.Node(id: #"arn:aws:s3:::b"\"#, kind: .resource, label: mermaid),
        AccessGraph.Node(id: forged, kind: .role, label: forged),
        AccessGraph.Node(id: escape, kind: .user, label: markdown),
    ], edges: [
        AccessGraph.Edge(from: escape, to: forged, kind: .canAssume, actions: [mermaid], status: .allowed, reason: "r", evidence: []),
        AccessGraph.Edge(from: forged, to: #"arn:aws:s3:::b"\"#, kind: .canAct, actions: ["s3:Get" + invisible], status: .undetermined, reason: "r", evidence: []),
    ])

    /// Reads one DOT quoted string at the start of `text`: its value and the rest.
    static func dotString(_ text: Substring) -> (value: String, rest: Substring)? {
        guard text.first == "\"" else { return nil }
        var value = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" { return (value, text[text.index(after: index)...]) }
            if character == "\\", text.index(after: index) < text.endIndex {
                value.append(character)
                index = text.index(after: index)
                value.append(text[index])
            } else {
                value.append(character)
            }
            index = text.index(after: index)
        }
        return nil
    }

    @Test func dotQuotesEveryIdAndLabel() throws {
        let dot = GraphRenderer.render(Self.graph, as: .dot)
        let lines = dot.split(separator: "\n")
        #expect(lines.count == 4 + Self.graph.nodes.count + Self.graph.edges.count)
        #expect(!dot.unicodeScalars.contains { DisplayText.needsEscape($0) && $0 != "\n" })
        var ids: [String] = []
        for line in lines.dropFirst(3).dropLast() {
            let body = line.dropFirst(2)
            let first = try #require(Self.dotString(body), "\(line)")
            if first.rest.hasPrefix(" -> ") {
                let second = try #require(Self.dotString(first.rest.dropFirst(4)), "\(line)")
                let label = try #require(Self.dotString(second.rest.dropFirst(" [label=".count)), "\(line)")
                #expect(second.rest.hasPrefix(" [label="))
                #expect(label.rest == "];" || label.rest == ", style=dotted];", "\(line)")
                #expect(ids.contains(first.value) && ids.contains(second.value))
            } else {
                ids.append(first.value)
                #expect(first.rest.hasPrefix(" [label="), "\(line)")
                let label = try #require(Self.dotString(first.rest.dropFirst(" [label=".count)), "\(line)")
                #expect(label.rest == ", shape=box];" || label.rest == ", shape=ellipse];", "\(line)")
            }
        }
        #expect(ids == [#"arn:aws:s3:::b\"\\"#, #"x\\nfile.json:1:1: error[x]: forged"#, #"\\u{1B}[2J\\u{1B}[31mred"#])
    }

    /// Node lines are `nI["…"]` or `nI(["…"])`, edge lines `nI -->|"…"| nJ`, and no label holds a
    /// quote, bracket, pipe, angle bracket or backtick, nor `#` and `;` but in entity codes.
    @Test func mermaidLabelsCannotEndTheirStringOrShape() throws {
        let mermaid = GraphRenderer.render(Self.graph, as: .mermaid)
        let lines = mermaid.split(separator: "\n")
        #expect(lines.count == 1 + Self.graph.nodes.count + Self.graph.edges.count)
        #expect(!mermaid.unicodeScalars.contains { DisplayText.needsEscape($0) && $0 != "\n" })
        let label = #"([^"\[\]|<>`;#]|#[0-9]+;)*"#
        let node = try Regex(#"  n[0-9]+(\[""# + label + #""\]|\(\[""# + label + #""\]\))"#)
        let edge = try Regex(#"  n[0-9]+ (-->|-\.->)\|""# + label + #""\| n[0-9]+"#)
        for line in lines.dropFirst() {
            #expect(line.wholeMatch(of: node) != nil || line.wholeMatch(of: edge) != nil, "\(line)")
        }
        #expect(lines[1] == ##"  n0["#34;#93;#59; X--#62;Y"]"##)
    }

    /// CSV keeps text as it is, as JSON does (a data file, never printed): quoted where it holds a
    /// comma, a quote or a line break, every id, label and reason reads back exactly.
    @Test func csvReadsBackEveryIdLabelAndReasonAsWritten() throws {
        var graph = Self.graph
        graph.edges[0].reason = "a, \"b\"\r\nc,"
        let nodes = try #require(CSVRecords.table(GraphRenderer.render(graph, as: .nodesCSV)))
        #expect(nodes.rows.map { $0["id"] } == graph.nodes.map(\.id))
        #expect(nodes.rows.map { $0["label"] } == graph.nodes.map(\.label))
        let edges = try #require(CSVRecords.table(GraphRenderer.render(graph, as: .edgesCSV)))
        #expect(edges.rows.map { $0["from"] } == graph.edges.map(\.from))
        #expect(edges.rows.map { $0["actions"] } == graph.edges.map { $0.actions.joined(separator: ";") })
        #expect(edges.rows.map { $0["reason"] } == ["a, \"b\"\r\nc,", "r"])
    }

    @Test func pathsTextKeepsOneChainPerLine() {
        let paths = Self.graph.paths(to: #"arn:aws:s3:::b"\"#)
        let text = GraphRenderer.pathsText(paths, graph: Self.graph)
        Self.expectSafeText(text, lines: paths.count)
        #expect(paths.count == 1)
    }

    /// Well-formed XML whose messages read back as the escaped text.
    @Test func junitStaysWellFormed() throws {
        let xml = StackReportRenderer.junit(Self.report())
        #expect(!xml.unicodeScalars.contains { DisplayText.needsEscape($0) && $0 != "\n" })
        final class Messages: NSObject, XMLParserDelegate {
            var failures: [String] = []
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if element == "failure", let message = attributes["message"] { failures.append(message) }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let messages = Messages()
        parser.delegate = messages
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(messages.failures.first == DisplayText.escaped(Self.report().checks[1].reason))
        #expect(messages.failures.last == DisplayText.escaped(Self.report().findings[0].message))
    }
}
