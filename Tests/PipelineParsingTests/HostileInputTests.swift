import Foundation
import PipelineParsing
import PolicyModel
import TestSupport
import Testing

/// Inputs built to hurt a parser: each is rejected (or accepted) quickly, never crashes.
@Suite struct HostileInputTests {
    struct HostileCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var code: String
        var position: SourcePosition
        var testDescription: String { name }
    }

    /// Nine levels of nine aliases: 9^9 nodes if expanded, and used as a mapping key so a naive
    /// duplicate-key check would hash every one of them.
    static let billionLaughs: String = {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(aliases)]")
        }
        lines.append("? *a9\n: boom")
        return lines.joined(separator: "\n") + "\n"
    }()

    static let cases: [HostileCase] = [
        HostileCase(
            name: "billion laughs", text: billionLaughs, code: "pipeline.too-many-aliases",
            position: at(5, 35)  // the 33rd alias: 9 on each of lines 2-4, the 6th on line 5
        ),
        HostileCase(
            name: "deep flow nesting", text: String(repeating: "[", count: 100_000),
            code: "pipeline.too-deep", position: at(1, 1)
        ),
        HostileCase(
            name: "deep flow mappings", text: String(repeating: "{a: ", count: 5_000),
            code: "pipeline.too-deep", position: at(1, 3997)  // the 1000th `{`
        ),
        HostileCase(
            name: "deep block sequences", text: String(repeating: "- ", count: 5_000) + "x\n",
            code: "pipeline.too-deep", position: at(1, 1999)
        ),
        HostileCase(
            name: "deep block mappings",
            text: (0..<1_200).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v\n",
            code: "pipeline.too-deep", position: at(1000, 1000)
        ),
        HostileCase(
            name: "over the size limit", text: "# " + String(repeating: "x", count: 1024 * 1024) + "\n",
            code: "pipeline.too-large", position: at(1, 1)
        ),
        HostileCase(
            name: "NUL byte", text: "p:\n  source: \u{0}\n", code: "pipeline.yaml-syntax", position: at(2, 11)
        ),
        HostileCase(
            name: "unterminated quoted string", text: "p: \"abc\n", code: "pipeline.yaml-syntax", position: at(2, 1)
        ),
        HostileCase(
            name: "lone surrogate escape", text: "p: \"\\ud800\"\n", code: "pipeline.yaml-syntax", position: at(1, 7)
        ),
    ]

    @Test(arguments: cases)
    func rejectsQuicklyWithoutCrashing(_ hostile: HostileCase) throws {
        let start = ContinuousClock.now
        let diagnostics = errors(hostile.text)
        #expect(ContinuousClock.now - start < .seconds(5))
        try #require(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics[0].code == hostile.code)
        #expect(diagnostics[0].position == hostile.position)
    }

    /// Aliases within the limit are fine. An anchored value is located at its anchor (`&arn`),
    /// wherever it is used.
    @Test func acceptsAFewAliases() throws {
        let text = """
        version: "2"
        p:
          source:
            dynamodb:
              tables:
                - table_arn: &arn "arn:aws:dynamodb:us-east-1:111122223333:table/t"
                  stream: {}
              aws: &aws
                sts_role_arn: "arn:aws:iam::111122223333:role/pipeline"
          sink:
            - opensearch:
                hosts: [*arn]
                aws: *aws
        """
        let configuration = try PipelineConfiguration.parse(text: text, file: "p.yaml")
        let sink = try #require(configuration.openSearchSinks.first)
        #expect(equalWithPositions(sink.hosts, [Located("arn:aws:dynamodb:us-east-1:111122223333:table/t", at: at(6, 22))]))
        #expect(configuration.dynamoDBSources.first?.tables.first?.tableARN.position == at(6, 22))
        #expect(sink.aws?.stsRoleARN?.value == "arn:aws:iam::111122223333:role/pipeline")
        #expect(configuration.diagnostics.isEmpty)
    }

    /// A short alias chain within the limits parses; what it expands to is read like any value.
    @Test func shortAliasChainParses() {
        var lines = ["a0: &a0 [x, x, x]"]
        for level in 1...5 {
            lines.append("a\(level): &a\(level) [*a\(level - 1), *a\(level - 1), *a\(level - 1)]")
        }
        let diagnostics = errors(lines.joined(separator: "\n") + "\n")
        // Parses as YAML; then `a0`… are sub-pipelines that are lists, not mappings.
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.code == "pipeline.wrong-type" })
    }

    /// Within the alias count, a chain of 3^10 repeats is refused for what it would expand to,
    /// at the sequence whose aliases cross the bound, without being expanded.
    @Test func aliasChainWithinTheCountIsBoundedBySize() throws {
        var lines = ["a0: &a0 [x, x, x]"]
        for level in 1...10 {
            lines.append("a\(level): &a\(level) [*a\(level - 1), *a\(level - 1), *a\(level - 1)]")
        }
        lines.append("k: *a10")  // alias number 31
        lines.append("p: *a0")   // alias number 32
        let diagnostics = errors(lines.joined(separator: "\n") + "\n")
        try #require(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics[0].code == "pipeline.too-large")
        #expect(diagnostics[0].position == at(10, 5))  // `&a9 [*a8, …]`
        #expect(diagnostics[0].message == "the alias `*a8` expands the document beyond its size limit")
    }

    /// Fifteen levels of doubling aliases used as a mapping key, which Yams would hash as 2^15
    /// copies of a long scalar: refused before composing, at the key.
    @Test(arguments: [
        ("*a15 : boom", at(17, 1)),
        ("? [x, *a15]\n: boom", at(17, 1)),
    ])
    func aliasKeyBombIsRefusedAtTheKey(key: String, position: SourcePosition) throws {
        var lines = ["a0: &a0 \"\(String(repeating: "lol ", count: 100))\""]
        for level in 1...15 {
            lines.append("a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]")
        }
        lines.append(key)
        let diagnostics = errors(lines.joined(separator: "\n") + "\n")
        try #require(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics[0].code == "pipeline.unsupported-yaml")
        #expect(diagnostics[0].position == position)
    }

    /// A byte order mark, as Windows editors write, is skipped; columns count from after it.
    @Test func byteOrderMarkIsAccepted() throws {
        let configuration = try PipelineConfiguration.parse(text: "\u{FEFF}" + SamplePipeline.yaml(), file: "p.yaml")
        #expect(configuration.version == Located("2", at: at(1, 10)))
        #expect(configuration.dynamoDBSources.count == 1)
    }

    /// Stars inside comments, quoted strings and plain text do not count as aliases.
    @Test func starsThatAreNotAliasesAreNotCounted() throws {
        let comments = (0..<40).map { _ in "# *bold* note" }.joined(separator: "\n")
        let text = comments + "\n" + SamplePipeline.yaml().replacing("index: \"orders\"", with: "index: \"a*b\"")
        let configuration = try PipelineConfiguration.parse(text: text, file: "p.yaml")
        #expect(configuration.openSearchSinks.first?.index?.value == "a*b")
    }

    /// A large but legal file (many processors) parses in reasonable time.
    @Test func largeLegalFileParses() throws {
        let processors = (0..<10_000).map { "    - p\($0):\n        key: \"value \($0)\"" }.joined(separator: "\n")
        let text = "version: \"2\"\np:\n  source:\n    http:\n  processor:\n\(processors)\n  sink:\n    - stdout:\n"
        let start = ContinuousClock.now
        let configuration = try PipelineConfiguration.parse(text: text, file: "p.yaml")
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(configuration.pipelines.first?.processors.count == 10_000)
        #expect(equalWithPositions(configuration.pipelines.first?.processors.last, Located("p9999", at: at(20_004, 7))))
    }

    /// Columns count Unicode scalars, as an editor shows them.
    @Test func columnsCountUnicodeScalars() throws {
        let text = "version: \"2\"\np:\n  source:\n    http:\n  sink:\n    - opensearch:\n        index: \"é\"\n        hosts: [\"ü\", \"x\"]\n"
        let configuration = try PipelineConfiguration.parse(text: text, file: "p.yaml")
        #expect(equalWithPositions(configuration.openSearchSinks.first?.hosts, [Located("ü", at: at(8, 17)), Located("x", at: at(8, 22))]))
    }

    /// CRLF line endings give the same positions as LF.
    @Test func crlfLineEndings() throws {
        let text = SeedStack.File.agnosticPipeline.text.replacing("\n", with: "\r\n")
        let configuration = try PipelineConfiguration.parse(text: text, file: "p.yaml")
        #expect(configuration.dynamoDBSources.first?.tables.first?.tableARN.position == at(8, 22))
        #expect(configuration.openSearchSinks.first?.aws?.stsRoleARN?.position == at(40, 25))
    }
}
