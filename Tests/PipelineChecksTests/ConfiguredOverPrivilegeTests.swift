import AccessInventory
import PipelineChecks
import PipelineRequirements
import TestSupport
import Testing

/// Over-privilege follows what the pipeline is configured to do: actions AWS documents for a
/// part the pipeline does not use are not needed.
@Suite struct ConfiguredOverPrivilegeTests {
    static let streamOnly = TestPipeline(table: .arn(of: "Orders"), role: .arn(of: "PipelineRole"), sink: .domain("Search", role: .arn(of: "PipelineRole")))

    static func documented(_ configuration: TestPipeline) throws -> [String] {
        let inventory = try PipelineStack.stack(configuration: configuration).inventory()
        let pipeline = try #require(inventory.pipelines.first)
        return PipelineRequirements(pipeline: pipeline, inventory: inventory).documentedRoleActions
    }

    @Test func theDocumentedActionsAreThoseOfThePartsInUse() throws {
        let both = try Self.documented(PipelineStack.configuration)
        #expect(both.contains("dynamodb:ExportTableToPointInTime") && both.contains("dynamodb:GetRecords") && both.contains("s3:PutObject"))
        #expect(both.contains("es:ESHttp*") && !both.contains("aoss:APIAccessAll"))

        let streamOnly = try Self.documented(Self.streamOnly)
        #expect(!streamOnly.contains("dynamodb:ExportTableToPointInTime") && !streamOnly.contains("dynamodb:DescribeExport"))
        #expect(!streamOnly.contains { $0.hasPrefix("s3:") }, "no export files and no dead-letter queue: \(streamOnly)")
        #expect(streamOnly.contains("dynamodb:GetShardIterator"))

        let exportOnly = try Self.documented(PipelineStack.configuration.exportingOnly())
        #expect(!exportOnly.contains("dynamodb:GetRecords") && !exportOnly.contains("dynamodb:DescribeStream"))
        #expect(exportOnly.contains("dynamodb:ExportTableToPointInTime") && exportOnly.contains("s3:PutObject"))

        let collection = try Self.documented(PipelineStack.configuration.sinking(
            into: .collection("https://abc123.us-east-1.aoss.amazonaws.com", role: .arn(of: "PipelineRole"))))
        #expect(collection.contains("aoss:APIAccessAll") && !collection.contains { $0.hasPrefix("es:") })
        #expect(!collection.contains("aoss:CreateSecurityPolicy"), "the sink manages no network policy")
        let managingNetwork = try Self.documented(PipelineStack.configuration.sinking(
            into: .collection("https://abc123.us-east-1.aoss.amazonaws.com", role: .arn(of: "PipelineRole")).withServerlessOptions(networkPolicyName: "orders-network")))
        #expect(managingNetwork.contains("aoss:CreateSecurityPolicy") && managingNetwork.contains("aoss:UpdateSecurityPolicy"))
    }

    /// AWS's whole sample policy on a stream-only pipeline: the export and S3 statements are more
    /// than it needs.
    @Test func aStreamOnlyPipelineDoesNotNeedTheExportStatements() throws {
        let report = try PipelineStack.stack(configuration: Self.streamOnly).report()
        #expect(report.check(.dynamoDBExport)?.status == .skipped)
        #expect(report.findings.filter { $0.id == .pipelineRoleOverprivilege }.map(\.message) == [
            "`PipelineRole.Pipeline` grants 1 permissions management, 3 write, 3 read actions the pipeline does not need, including "
                + "`s3:PutObjectAcl`, `s3:AbortMultipartUpload`, `s3:PutObject`",
        ])
    }
}
