import AccessInventory
import PipelineChecks
import TestSupport
import Testing

/// Every `AWS::OSIS::Pipeline` gets its own five pipeline checks, labelled with it; a problem of
/// one pipeline's role shows on that pipeline's checks only.
@Suite struct PerPipelineCheckTests {
    /// `CustomersRole` without its stream statement.
    static let customersWithoutStream = TestPolicy([
        .allow(["dynamodb:DescribeTable"], on: .arn(of: "Customers")),
        .allow(["es:DescribeDomain"], on: .arn(of: "Search")),
        .allow(["es:ESHttp*"], on: .arn(of: "Search") + "/*"),
    ], name: "Customers")

    static func summary(_ report: StackReport) -> [String] {
        report.checks.map { "\($0.id.rawValue) \($0.subject?.description ?? "-") \($0.status.rawValue)" }
    }

    @Test func eachPipelineHasItsOwnChecksInInventoryOrder() throws {
        let report = try PipelineStack.twoPipelines().report()
        // Inventory order: the template's resources by logical id.
        #expect(Self.summary(report) == [
            "trust.pipeline-role CustomersPipeline (customers-pipeline) pass",
            "source.dynamodb.export CustomersPipeline (customers-pipeline) skipped",
            "source.dynamodb.stream CustomersPipeline (customers-pipeline) pass",
            "source.s3.export CustomersPipeline (customers-pipeline) skipped",
            "sink.opensearch CustomersPipeline (customers-pipeline) pass",
            "trust.pipeline-role Pipeline (zero-etl-pipeline) pass",
            "source.dynamodb.export Pipeline (zero-etl-pipeline) pass",
            "source.dynamodb.stream Pipeline (zero-etl-pipeline) pass",
            "source.s3.export Pipeline (zero-etl-pipeline) pass",
            "sink.opensearch Pipeline (zero-etl-pipeline) pass",
            "dashboards.cognito - skipped",
        ])
        let stream = try #require(report.check(.dynamoDBStream, of: "CustomersPipeline"))
        #expect(stream.reason == "`CustomersRole` may read the stream of `arn:aws:dynamodb:us-east-1:123456789012:table/customers`, which carries new images")
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func aBrokenRoleFailsOnlyItsPipelinesChecks() throws {
        let report = try PipelineStack.twoPipelines(customersRolePolicies: [Self.customersWithoutStream]).report()
        let failing = report.checks.filter { $0.status == .fail }
        #expect(failing.map { "\($0.id.rawValue) \($0.subject?.label ?? "-")" } == ["source.dynamodb.stream CustomersPipeline"])
        #expect(failing.first?.reason.hasPrefix(
            "arn:aws:sts::123456789012:assumed-role/customers-pipeline-role/osis-pipeline needs `dynamodb:DescribeStream` on "
            + "`arn:aws:dynamodb:us-east-1:123456789012:table/customers/stream/⟦GetAtt.Customers.StreamArn⟧`: ImplicitDeny — ")
            == true, "\(failing.first?.reason ?? "")")
        #expect(report.check(.dynamoDBStream, of: "Pipeline")?.status == .pass)
    }

    /// A report labels a check only when it checks several subjects of its kind; one pipeline
    /// (the reference stack's reports) needs no label.
    @Test func labelsAppearWhenThereAreSeveralPipelines() throws {
        let two = try PipelineStack.twoPipelines().report()
        let trust = try #require(two.check(.pipelineRoleTrust, of: "CustomersPipeline"))
        #expect(two.subjectLabel(of: trust) == "CustomersPipeline (customers-pipeline)")
        #expect(two.subjectLabel(of: try #require(two.check(.dashboardsCognito))) == nil)
        let one = try PipelineStack.stack().report()
        #expect(one.subjectLabel(of: try #require(one.check(.pipelineRoleTrust))) == nil)
        #expect(one.check(.pipelineRoleTrust)?.subject == CheckSubject(kind: .pipeline, label: "Pipeline", name: "zero-etl-pipeline"))
    }

    /// `PipelineStack`'s pipeline handing its events to two sub-pipelines, each writing to a
    /// domain of its own: OSIS allows several sub-pipelines and sinks, one source.
    static let fanOut = """
    version: "2"
    entry:
      source:
        dynamodb:
          tables:
            - table_arn: "{{GetAtt:Orders.Arn}}"
              stream:
                start_position: "LATEST"
              export:
                s3_bucket: "{{Ref:Exports}}"
                s3_prefix: "ddb/"
          aws:
            sts_role_arn: "{{GetAtt:PipelineRole.Arn}}"
      sink:
        - pipeline:
            name: "search"
        - pipeline:
            name: "archive"
    search:
      source:
        pipeline:
          name: "entry"
      sink:
        - opensearch:
            hosts: ["https://{{GetAtt:Search.DomainEndpoint}}"]
            index: "orders"
            aws:
              sts_role_arn: "{{GetAtt:PipelineRole.Arn}}"
    archive:
      source:
        pipeline:
          name: "entry"
      sink:
        - opensearch:
            hosts: ["https://{{GetAtt:Archive.DomainEndpoint}}"]
            index: "archive"
            aws:
              sts_role_arn: "{{GetAtt:PipelineRole.Arn}}"

    """

    /// The sink check covers every `opensearch` sink of every sub-pipeline, not the first only.
    @Test func everySinkOfEverySubPipelineIsChecked() throws {
        let archive = TestPolicy([.allow(["es:DescribeDomain"], on: .arn(of: "Archive")), .allow(["es:ESHttp*"], on: .arn(of: "Archive") + "/*")], name: "Archive")
        func stack(_ policies: [TestPolicy]) -> TestStack {
            PipelineStack.stack(pipelineRolePolicies: policies).domain("Archive", name: "orders-archive").withPipelineFile(text: Self.fanOut)
        }
        let denied = try #require(try stack([PipelineStack.pipelinePolicy]).report().check(.openSearchSink))
        #expect(denied.status == .fail)
        #expect(denied.reason.hasPrefix("arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline needs `es:DescribeDomain` on "
            + "`arn:aws:es:us-east-1:123456789012:domain/orders-archive`: ImplicitDeny — "), "\(denied.reason)")
        let granted = try stack([PipelineStack.pipelinePolicy, archive]).report()
        let sink = try #require(granted.check(.openSearchSink))
        #expect(sink.status == .pass, "\(sink.reason)")
        #expect(sink.reason == "`PipelineRole` may describe `Search` and write `orders` through the role's policies and the domain access policy; "
            + "and describe `Archive` and write `archive` through the role's policies (the domain has no access policy)")
        #expect(granted.findings.allSatisfy { !$0.id.rawValue.hasPrefix("pipeline.multiple") }, "sub-pipelines behind connectors are one source")
    }

    /// Without a pipeline the five checks are skipped once, about nothing.
    @Test func withoutAPipelineThePipelineChecksAreSkippedOnce() throws {
        let report = try TestStack().table("Orders", name: "orders").report()
        #expect(Self.summary(report) == CheckID.allCases.map { "\($0.rawValue) - skipped" })
        #expect(report.check(.pipelineRoleTrust)?.reason == "the inputs have no `AWS::OSIS::Pipeline` and no `--pipeline` was given")
    }
}
