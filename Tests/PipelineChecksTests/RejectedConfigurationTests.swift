import AccessInventory
import PipelineChecks
import PipelineParsing
import TestSupport
import Testing

/// A configuration OpenSearch Ingestion refuses at creation is an error finding of its pipeline,
/// positioned, and the checks still run on what it says.
@Suite struct RejectedConfigurationTests {
    static let roleARN = "arn:aws:iam::123456789012:role/orders-pipeline-role"

    /// `PipelineStack`'s pipeline reading two tables; the first is the stack's.
    static let twoTables = """
    version: "2"
    orders:
      source:
        dynamodb:
          tables:
            - table_arn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
              stream:
                start_position: "LATEST"
            - table_arn: "arn:aws:dynamodb:us-east-1:123456789012:table/customers"
              stream:
                start_position: "LATEST"
          aws:
            sts_role_arn: "\(roleARN)"
      sink:
        - opensearch:
            hosts: ["https://search-orders-search-abc123.us-east-1.es.amazonaws.com"]
            index: "orders"
            aws:
              sts_role_arn: "\(roleARN)"

    """

    static func stack(body: String) throws -> TestStack {
        try PipelineStack.stack().settingProperty("PipelineConfigurationBody", of: "Pipeline", to: .string(body))
    }

    @Test func twoTablesAreAnErrorAndTheFirstIsStillChecked() throws {
        let stack = try Self.stack(body: Self.twoTables)
        let report = try stack.report()
        let finding = try #require(report.findings.first { $0.id == .pipelineMultipleTables })
        #expect(finding.severity == .error)
        #expect(finding.resource == "Pipeline")
        #expect(finding.message == "`Pipeline`: the `dynamodb` source lists 2 tables, but OpenSearch Ingestion reads one table per pipeline, "
            + "so it refuses this configuration (line 9, column 11 of its `PipelineConfigurationBody`)")
        #expect(finding.location == stack.location(of: "\"Pipeline\":"))
        #expect(report.check(.dynamoDBStream)?.status == .pass, "\(report.check(.dynamoDBStream)?.reason ?? "")")
        #expect(report.gateFails(failOn: .error))
    }

    /// In a separate pipeline file the finding points into the file itself.
    @Test func aSinklessFileIsAnErrorAtItsPlace() throws {
        let text = PipelineStack.configuration.sinking(into: nil).fileText
        let report = try PipelineStack.stack().withPipelineFile(text: text).report()
        let finding = try #require(report.findings.first { $0.id == .pipelineMissingSink })
        #expect(finding.message == "`Pipeline`: sub-pipeline `dynamodb-pipeline` has no `sink`")
        #expect(finding.location?.description == "pipeline.yaml:2:1")
        #expect(report.check(.openSearchSink)?.status == .skipped)
        #expect(report.check(.dynamoDBExport)?.status == .pass)
    }

    /// Every code the parser rejects with has a finding id of that name.
    @Test func everyRejectionHasAFindingID() {
        for code in PipelineDiagnosticCode.rejectedAtCreation {
            #expect(FindingID(rawValue: code) != nil, "\(code)")
        }
    }
}
