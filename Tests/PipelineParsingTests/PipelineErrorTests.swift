import PipelineParsing
import PolicyModel
import TestSupport
import Testing

/// Every error code, each with the exact line and column it is reported at.
@Suite struct PipelineErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var code: String
        var line: Int
        var column: Int
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ code: String, _ line: Int, _ column: Int) {
            self.name = name
            self.text = text
            self.code = code
            self.line = line
            self.column = column
        }
    }

    /// A sub-pipeline `p` whose `dynamodb` settings (indented six spaces) start on line 4.
    static func dynamodb(_ settings: String) -> String {
        "p:\n  source:\n    dynamodb:\n" + settings + "  sink:\n    - stdout:\n"
    }

    /// A sub-pipeline `p` whose sink entries (indented four spaces) start on line 5.
    static func sinks(_ entries: String) -> String {
        "p:\n  source:\n    http:\n  sink:\n" + entries
    }

    static let valid = "p:\n  source:\n    http:\n  sink:\n    - stdout:\n"
    static let table = "      tables:\n        - table_arn: t\n          stream: {}\n"

    static let cases: [ErrorCase] = [
        // YAML
        ErrorCase("unclosed flow sequence", "version: \"2\"\np:\n  source: [\n", "pipeline.yaml-syntax", 4, 1),
        ErrorCase("mapping value inside a plain scalar", "version: \"2\"\np: a: b\n", "pipeline.yaml-syntax", 2, 5),
        ErrorCase("tab indentation", "a: b\n\tc: d\n", "pipeline.yaml-syntax", 2, 1),
        ErrorCase("control character", "p: \"\u{1}\"\n", "pipeline.yaml-syntax", 1, 5),
        ErrorCase("two documents", valid + "---\n" + valid, "pipeline.yaml-syntax", 6, 1),
        ErrorCase("undefined alias", "p: *nowhere\n", "pipeline.yaml-syntax", 1, 4),
        ErrorCase(
            "duplicate key", "version: \"2\"\np:\n  source:\n    http:\n  # c\n\n  source:\n    http:\n",
            "pipeline.duplicate-key", 7, 3
        ),
        ErrorCase(
            "duplicate key in a list item", "p:\n  - a: 1\n    b: |\n      a: x\n    a: 2\n",
            "pipeline.duplicate-key", 5, 5
        ),
        ErrorCase(
            "duplicate key with CRLF", "p:\r\n  a: 1\r\n  a: 2\r\n", "pipeline.duplicate-key", 3, 3
        ),
        ErrorCase(
            "duplicate key in a flow mapping (first occurrence)", "p: {a: 1, a: 2}\n", "pipeline.duplicate-key", 1, 5
        ),
        ErrorCase("empty text", "", "pipeline.empty", 1, 1),
        ErrorCase("only comments", "# nothing\n\n", "pipeline.empty", 1, 1),

        // Root and version
        ErrorCase("root is a list", "# c\n- a\n", "pipeline.root-not-mapping", 2, 1),
        ErrorCase("root is a scalar", "hello\n", "pipeline.root-not-mapping", 1, 1),
        ErrorCase("only a version", "version: \"2\"\n", "pipeline.no-sub-pipeline", 1, 1),
        ErrorCase("only reserved keys", "\nversion: \"2\"\nextension: {}\n", "pipeline.no-sub-pipeline", 2, 1),
        ErrorCase("version 1", "version: \"1\"\n" + valid, "pipeline.unknown-version", 1, 10),
        ErrorCase("version 3.0", "version: 3.0\n" + valid, "pipeline.unknown-version", 1, 10),
        ErrorCase("version 2.x", "version: \"2.x\"\n" + valid, "pipeline.unknown-version", 1, 10),
        ErrorCase("version is a list", "version: [2]\n" + valid, "pipeline.wrong-type", 1, 10),

        // Sub-pipelines
        ErrorCase("sub-pipeline is a number", "p: 3\n", "pipeline.wrong-type", 1, 4),
        ErrorCase("sub-pipeline is empty", "version: \"2\"\np:\n", "pipeline.wrong-type", 2, 1),
        ErrorCase("no source", "version: \"2\"\np:\n  sink:\n    - stdout:\n", "pipeline.missing-source", 2, 1),
        ErrorCase("sink is a mapping", "p:\n  source:\n    http:\n  sink:\n    stdout:\n", "pipeline.wrong-type", 5, 5),
        ErrorCase("processor is a mapping", "p:\n  processor:\n    date:\n  source:\n    http:\n  sink:\n    - stdout:\n", "pipeline.wrong-type", 3, 5),

        // Plugins
        ErrorCase("source names two plugins", "p:\n  source:\n    http:\n    s3:\n  sink:\n    - stdout:\n", "pipeline.invalid-plugin", 3, 5),
        ErrorCase("source is a string", "p:\n  source: http\n  sink:\n    - stdout:\n", "pipeline.invalid-plugin", 2, 11),
        ErrorCase("sink entry is a string", sinks("    - stdout\n"), "pipeline.invalid-plugin", 5, 7),
        ErrorCase("sink entry names two plugins", sinks("    - stdout:\n      s3:\n"), "pipeline.invalid-plugin", 5, 7),
        ErrorCase("pipeline sink to an unknown sub-pipeline", sinks("    - pipeline:\n        name: \"nowhere\"\n"), "pipeline.unknown-sub-pipeline", 6, 15),
        ErrorCase("pipeline sink without name", sinks("    - pipeline:\n"), "pipeline.missing-field", 5, 7),

        // dynamodb source
        ErrorCase("dynamodb without tables", dynamodb("      acknowledgments: true\n"), "pipeline.missing-tables", 3, 5),
        ErrorCase("dynamodb without settings", dynamodb(""), "pipeline.missing-tables", 3, 5),
        ErrorCase("dynamodb settings are a list", "p:\n  source:\n    dynamodb: [a]\n  sink:\n    - stdout:\n", "pipeline.wrong-type", 3, 15),
        ErrorCase("tables is a string", dynamodb("      tables: \"arn\"\n"), "pipeline.wrong-type", 4, 15),
        ErrorCase("tables is empty", dynamodb("      tables: []\n"), "pipeline.missing-tables", 4, 15),
        ErrorCase("table is a string", dynamodb("      tables:\n        - \"arn\"\n"), "pipeline.wrong-type", 5, 11),
        ErrorCase(
            "table without table_arn", dynamodb("      tables:\n        - stream:\n            start_position: LATEST\n"),
            "pipeline.missing-table-arn", 5, 11
        ),
        ErrorCase("table_arn is null", dynamodb("      tables:\n        - table_arn:\n          stream: {}\n"), "pipeline.missing-table-arn", 5, 11),
        ErrorCase("table_arn is a list", dynamodb("      tables:\n        - table_arn: [a]\n"), "pipeline.wrong-type", 5, 22),
        ErrorCase("stream is a string", dynamodb("      tables:\n        - table_arn: t\n          stream: LATEST\n"), "pipeline.wrong-type", 6, 19),
        ErrorCase("acknowledgments is not a boolean", dynamodb(table + "      acknowledgments: maybe\n"), "pipeline.wrong-type", 7, 24),
        ErrorCase("aws is a string", dynamodb(table + "      aws: \"role\"\n"), "pipeline.wrong-type", 7, 12),
        ErrorCase("sts_role_arn is a mapping", dynamodb(table + "      aws:\n        sts_role_arn: {a: b}\n"), "pipeline.wrong-type", 8, 23),
        ErrorCase("sts_header_overrides is a list", dynamodb(table + "      aws:\n        sts_header_overrides: [a]\n"), "pipeline.wrong-type", 8, 31),

        // opensearch sink
        ErrorCase("hosts is a string", sinks("    - opensearch:\n        hosts: \"https://x\"\n"), "pipeline.wrong-type", 6, 16),
        ErrorCase("hosts missing", sinks("    - opensearch:\n        index: i\n"), "pipeline.missing-hosts", 5, 7),
        ErrorCase("hosts empty", sinks("    - opensearch:\n        hosts: []\n"), "pipeline.missing-hosts", 6, 16),
        ErrorCase("host is a mapping", sinks("    - opensearch:\n        hosts: [{a: b}]\n"), "pipeline.wrong-type", 6, 17),
        ErrorCase("opensearch settings are a string", sinks("    - opensearch: x\n"), "pipeline.wrong-type", 5, 19),
        ErrorCase("serverless is not a boolean", sinks("    - opensearch:\n        hosts: [h]\n        aws:\n          serverless: [true]\n"), "pipeline.wrong-type", 8, 23),
    ]

    @Test(arguments: cases)
    func reportsEachErrorAtItsPosition(_ errorCase: ErrorCase) throws {
        let diagnostics = errors(errorCase.text)
        try #require(diagnostics.count == 1, "\(diagnostics)")
        let diagnostic = diagnostics[0]
        #expect(diagnostic.code == errorCase.code)
        #expect(diagnostic.position == at(errorCase.line, errorCase.column))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "test.yaml")
        #expect(diagnostic.message.first?.isUppercase == false)
        #expect(diagnostic.message.last != ".")
    }

    @Test func validBaseParses() throws {
        _ = try PipelineConfiguration.parse(text: Self.valid, file: "p.yaml")
    }

    /// All problems of a file come back at once, in file order.
    @Test func reportsEveryErrorAtOnce() {
        let text = """
        version: "3"
        a:
          sink:
            - opensearch:
                hosts: "x"
        b:
          source:
            dynamodb:
              tables: []
        """
        switch parseResult(text, file: "multi.yaml") {
        case .success:
            Issue.record("expected errors")
        case .failure(let error):
            #expect(error.diagnostics.map(\.code) == [
                "pipeline.unknown-version", "pipeline.missing-source", "pipeline.wrong-type",
                "pipeline.missing-sink", "pipeline.missing-tables",
            ])
            #expect(error.diagnostics.map(\.position) == [at(1, 10), at(2, 1), at(5, 16), at(6, 1), at(9, 15)])
            #expect(error.diagnostics.allSatisfy { $0.file == "multi.yaml" })
            #expect(error.description.hasPrefix("multi.yaml:1:10: error[pipeline.unknown-version]: unknown pipeline version `3`, expected `2`"))
        }
    }

    @Test func rejectsNonScalarSubPipelineNames() {
        let diagnostics = errors("? [a]\n: b\n")
        #expect(diagnostics.map(\.code) == ["pipeline.no-sub-pipeline", "pipeline.wrong-type"])
        #expect(diagnostics.map(\.position) == [at(1, 1), at(1, 3)])
    }

    @Test func messagesNameUserValuesInBackticks() {
        #expect(errors("version: \"9\"\n" + Self.valid).first?.message == "unknown pipeline version `9`, expected `2`")
        #expect(errors(Self.dynamodb("      tables: \"arn\"\n")).first?.message == "`tables` must be a list, found a string")
        #expect(errors(Self.sinks("    - opensearch:\n        hosts: 3\n")).first?.message == "`hosts` must be a list, found a number")
        #expect(errors("version: \"2\"\np:\n  sink:\n    - stdout:\n").first?.message == "sub-pipeline `p` has no `source`")
        #expect(errors("p:\n  a: 1\n  a: 2\n").first?.message == "duplicate key `a`")
        #expect(errors("p:\n  a: 1\n  a: 2\n").first?.help == "the first `a` is at 2:3")
        #expect(errors("p: a: b\n").first?.message == "invalid YAML: mapping values are not allowed in this context")
    }
}
