import PipelineParsing
import PolicyModel
import TestSupport
import Testing

/// Legal configurations that still get a note, each at its exact position.
@Suite struct PipelineWarningTests {
    struct WarningCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var codes: [String]
        var positions: [SourcePosition]
        var testDescription: String { name }
    }

    static let otherRole = "arn:aws:iam::111122223333:role/writer"

    static let cases: [WarningCase] = [
        WarningCase(
            name: "table with neither stream nor export",
            text: SamplePipeline.yaml(table: "        - table_arn: \"\(SamplePipeline.tableARN)\""),
            codes: ["pipeline.table-without-stream-or-export"], positions: [at(6, 11)]
        ),
        WarningCase(
            name: "export without s3_bucket",
            text: SamplePipeline.yaml(table: """
                    - table_arn: "\(SamplePipeline.tableARN)"
                      export:
                        s3_prefix: "orders/"
            """),
            codes: ["pipeline.export-without-bucket"], positions: [at(7, 11)]
        ),
        WarningCase(
            name: "sink aws block without sts_role_arn",
            text: SamplePipeline.yaml(sinkAWS: "        aws:\n          region: \"us-east-1\""),
            codes: ["pipeline.sink-without-role"], positions: [at(19, 9)]
        ),
        WarningCase(
            name: "source without aws block",
            text: SamplePipeline.yaml(sourceAWS: "      acknowledgments: false"),
            codes: ["pipeline.source-without-role"], positions: [at(4, 5)]
        ),
        WarningCase(
            name: "source aws block without sts_role_arn",
            text: SamplePipeline.yaml(sourceAWS: "      aws:\n        region: \"us-east-1\""),
            codes: ["pipeline.source-without-role"], positions: [at(12, 7)]
        ),
        WarningCase(
            name: "sink role differs from source role",
            text: SamplePipeline.yaml(sinkAWS: "        aws:\n          sts_role_arn: \"\(otherRole)\""),
            codes: ["pipeline.role-mismatch"], positions: [at(20, 25)]
        ),
        WarningCase(
            name: "several findings in file order",
            text: SamplePipeline.yaml(
                table: """
                        - table_arn: "\(SamplePipeline.tableARN)"
                        - table_arn: "arn:aws:dynamodb:us-east-1:111122223333:table/b"
                          export: {}
                """,
                sinkAWS: "        aws:\n          sts_role_arn: \"\(otherRole)\""
            ),
            codes: [
                "pipeline.table-without-stream-or-export", "pipeline.export-without-bucket", "pipeline.role-mismatch",
            ],
            positions: [at(6, 11), at(8, 11), at(17, 25)]
        ),
        WarningCase(name: "no sink aws block at all", text: SamplePipeline.yaml(sinkAWS: ""), codes: [], positions: []),
    ]

    @Test(arguments: cases)
    func warnsAtExactPositions(_ warningCase: WarningCase) throws {
        let configuration = try PipelineConfiguration.parse(text: warningCase.text, file: "w.yaml")
        let warnings = configuration.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.code) == warningCase.codes)
        #expect(warnings.map(\.position) == warningCase.positions)
        #expect(warnings.allSatisfy { $0.file == "w.yaml" })
    }

    @Test func mismatchMessageNamesBothRoles() throws {
        let configuration = try PipelineConfiguration.parse(text: Self.cases[5].text, file: "w.yaml")
        #expect(configuration.diagnostics.first?.message
            == "the sink role `\(Self.otherRole)` differs from the source role `\(SamplePipeline.role)`")
    }
}
