import PipelineParsing
import PolicyModel
import TestSupport
import Testing

/// What OpenSearch Ingestion refuses at creation but the file still reads: an error at its exact
/// position in `diagnostics`, and the rest of the configuration as written.
@Suite struct PipelineRejectionTests {
    struct RejectionCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var code: String
        var positions: [SourcePosition]
        var message: String
        var testDescription: String { name }
    }

    static let twoTables = SamplePipeline.yaml(table: """
            - table_arn: "\(SamplePipeline.tableARN)"
              stream:
                start_position: "LATEST"
            - table_arn: "arn:aws:dynamodb:us-east-1:111122223333:table/b"
              stream:
                start_position: "LATEST"
    """)

    /// The sample pipeline, and a second sub-pipeline with a source of its own.
    static let twoSources = SamplePipeline.yaml() + """
    logs:
      source:
        http:
          path: "/logs"
      sink:
        - stdout:

    """

    static let cases: [RejectionCase] = [
        RejectionCase(name: "no sink", text: "version: \"2\"\np:\n  source:\n    http:\n", code: "pipeline.missing-sink", positions: [at(2, 1)],
                      message: "sub-pipeline `p` has no `sink`"),
        RejectionCase(name: "empty sink key", text: "p:\n  source:\n    http:\n  sink:\n", code: "pipeline.missing-sink", positions: [at(1, 1)],
                      message: "sub-pipeline `p` has no `sink`"),
        RejectionCase(name: "empty sink list", text: "p:\n  source:\n    http:\n  sink: []\n", code: "pipeline.missing-sink", positions: [at(4, 9)],
                      message: "sub-pipeline `p` has an empty `sink` list"),
        RejectionCase(name: "two tables", text: twoTables, code: "pipeline.multiple-tables", positions: [at(9, 11)],
                      message: "the `dynamodb` source lists 2 tables, but OpenSearch Ingestion reads one table per pipeline, so it refuses this configuration"),
        RejectionCase(name: "two sources", text: twoSources, code: "pipeline.multiple-sources", positions: [at(24, 5)],
                      message: "sub-pipeline `logs` has a second source (`http`) besides `dynamodb` of `orders-pipeline`, "
                          + "but an OpenSearch Ingestion pipeline has one source, so it refuses this configuration"),
    ]

    @Test(arguments: cases)
    func rejectsAtExactPositionsAndReadsTheRest(_ rejection: RejectionCase) throws {
        let configuration = try PipelineConfiguration.parse(text: rejection.text, file: "r.yaml")
        let errors = configuration.rejections
        #expect(errors.map(\.code) == rejection.positions.map { _ in rejection.code })
        #expect(errors.map(\.position) == rejection.positions)
        #expect(errors.first?.message == rejection.message)
        #expect(errors.allSatisfy { $0.file == "r.yaml" && $0.help != nil })
        #expect(!configuration.pipelines.isEmpty, "the sub-pipelines still read")
    }

    @Test func whatReadsAroundARejectionIsKept() throws {
        let configuration = try PipelineConfiguration.parse(text: Self.twoSources, file: "r.yaml")
        #expect(configuration.pipelines.map(\.name) == ["orders-pipeline", "logs"])
        #expect(configuration.dynamoDBSources.first?.tables.first?.tableARN.value == SamplePipeline.tableARN)
        let sinkless = try PipelineConfiguration.parse(text: "p:\n  source:\n    http:\n", file: "r.yaml")
        #expect(sinkless.pipelines.first?.sinks.isEmpty == true)
        #expect(sinkless.pipelines.first?.source.type == "http")
    }

    /// Sub-pipelines fed by `pipeline` connectors read the one source: no rejection.
    @Test func subPipelinesBehindConnectorsAreOneSource() throws {
        let text = """
        version: "2"
        entry:
          source:
            http:
          sink:
            - pipeline:
                name: "a"
            - pipeline:
                name: "b"
        a:
          source:
            pipeline:
              name: "entry"
          sink:
            - stdout:
        b:
          source:
            pipeline:
              name: "entry"
          sink:
            - stdout:

        """
        #expect(try PipelineConfiguration.parse(text: text, file: "r.yaml").rejections.isEmpty)
    }

    /// Every code a rejection can carry has a finding id of the same name (`PipelineChecks`
    /// reports them), checked there; here, that the list names each code the rules emit.
    @Test func rejectionCodesAreListed() {
        #expect(Set(Self.cases.map(\.code)).isSubset(of: Set(PipelineDiagnosticCode.rejectedAtCreation)))
    }
}
