import AccessInventory
import PipelineChecks
import PolicyParsing
import TestSupport
import Testing

/// An `unknown` check says what is unknown, first, and never reads like a denial: over a corpus
/// of stacks each of which leaves something open (a role, table, bucket, key, domain, identity
/// pool or permissions boundary outside the inputs, a trust that depends on a generated name,
/// fine-grained access control mappings, a collection's data access policy), every unknown
/// reason opens with what is unknown.
@Suite struct UnknownReasonTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var stack: @Sendable () throws -> TestStack
        var testDescription: String { name }
    }

    static let elsewhereRole: TestValue = "arn:aws:iam::123456789012:role/IngestionElsewhere"

    static let corpus: [Case] = [
        Case(name: "a permissions boundary in no input") {
            try ReferenceStack.stack().settingBoundary(of: ReferenceStack.pipelineRole, to: "arn:aws:iam::123456789012:policy/NoSuchBoundary")
        },
        Case(name: "the pipeline role outside the inputs") {
            TestStack()
                .table("Orders", name: "orders").bucket("Exports", name: "orders-exports").domain("Search", name: "orders-search")
                .pipeline("Pipeline", role: elsewhereRole, configuration: TestPipeline(
                    table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/"), role: elsewhereRole, sink: .domain("Search", role: elsewhereRole)))
        },
        Case(name: "a table and a bucket outside the inputs") {
            let table: TestValue = "arn:aws:dynamodb:us-east-1:123456789012:table/elsewhere"
            let configuration = TestPipeline(table: table, export: .bucket("elsewhere-exports", prefix: "ddb/"), role: .arn(of: "PipelineRole"),
                                             sink: .domain("Search", role: .arn(of: "PipelineRole")))
            return PipelineStack.stack(configuration: configuration, pipelineRolePolicies: [
                PipelineStack.policy(table: table, bucket: "arn:aws:s3:::elsewhere-exports", domain: .arn(of: "Search")),
            ])
        },
        Case(name: "an export key outside the inputs") {
            let key: TestValue = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
            let configuration = TestPipeline(table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/", kmsKey: key), role: .arn(of: "PipelineRole"),
                                             sink: .domain("Search", role: .arn(of: "PipelineRole")))
            return PipelineStack.stack(configuration: configuration, pipelineRolePolicies: [
                PipelineStack.pipelinePolicy, TestPolicy.allow(["kms:GenerateDataKey", "kms:Decrypt"], on: key),
            ])
        },
        Case(name: "a sink host that is no domain of the inputs") {
            PipelineStack.stack(configuration: PipelineStack.configuration.sinking(into: .host("https://search-other-abc123.us-east-1.es.amazonaws.com", role: .arn(of: "PipelineRole"))))
        },
        Case(name: "fine-grained access control without the role as master user") {
            try PipelineStack.stack().settingProperty("AdvancedSecurityOptions", of: "Search", to: .object([("Enabled", .bool(true)), ("InternalUserDatabaseEnabled", .bool(true))]))
        },
        Case(name: "an OpenSearch Serverless collection") {
            let collection = "arn:aws:aoss:us-east-1:123456789012:collection/abc123def456"
            return PipelineStack.stack(
                configuration: PipelineStack.configuration.sinking(into: .collection("https://abc123def456.us-east-1.aoss.amazonaws.com", role: .arn(of: "PipelineRole"))),
                pipelineRolePolicies: [PipelineStack.pipelinePolicy, TestPolicy.allow(["aoss:APIAccessAll", "aoss:BatchGetCollection"], on: .text(collection))])
        },
        Case(name: "a collection of the template without a data access policy") {
            CollectionStack.stack(data: nil)
        },
        Case(name: "a trust pinned to a pipeline whose name is generated") {
            let trust = TestPolicy.service("osis-pipelines.amazonaws.com", when: [.stringEquals("aws:SourceArn", "arn:aws:osis:us-east-1:123456789012:pipeline/orders")])
            return try PipelineStack.stack().replacingTrust(of: "PipelineRole", with: trust).parameter("Name")
                .settingProperty("PipelineName", of: "Pipeline", to: TestValue.ref("Name").json)
        },
        Case(name: "a Cognito domain whose pool is elsewhere") {
            TestStack().domain("Search", name: "search", cognitoIdentityPool: "us-east-1:11111111-2222-3333-4444-555555555555")
        },
        Case(name: "a pipeline file alone") {
            TestStack().withPipelineFile(TestPipeline(
                table: "arn:aws:dynamodb:us-east-1:123456789012:table/orders", export: .bucket("orders-exports"), role: elsewhereRole,
                sink: .host("https://search-orders-abc123.us-east-1.es.amazonaws.com", role: elsewhereRole)))
        },
    ]

    @Test(arguments: corpus)
    func everyUnknownReasonSaysWhatIsUnknown(_ entry: Case) throws {
        let report = try entry.stack().report()
        let unknown = report.checks.filter { $0.status == .unknown }
        #expect(!unknown.isEmpty, "the corpus entry leaves nothing unknown: \(report.checks.map { "\($0.id.rawValue) \($0.status.rawValue)" })")
        for check in unknown {
            let problems = UnknownReasonPhrasing.problems(check.reason)
            #expect(problems.isEmpty, "\(check.id.rawValue): \(problems.joined(separator: "; ")) — \(check.reason)")
        }
    }

    /// The walk covers the kinds of unknown the checks produce.
    @Test func theCorpusCoversEveryKindOfUnknown() throws {
        let reasons = try Self.corpus.flatMap { try $0.stack().report().checks.filter { $0.status == .unknown }.map(\.reason) }
        for opening in ["whether ", "the pipeline role ", "table ", "the domain at ", "the authenticated role of identity pool "] {
            #expect(reasons.contains { $0.hasPrefix(opening) }, "no unknown reason opens with `\(opening)`")
        }
        for hinge in ["is unknown: the permissions boundary ", "is unknown: bucket ", "is unknown: key ", "fine-grained access control", "is unknown: no data access policy of the inputs covers",
                      "(see `trust.pipeline-role`)"] {
            #expect(reasons.contains { $0.contains(hinge) }, "no unknown reason mentions `\(hinge)`")
        }
    }

    /// The phrasing rule refuses the reasons unknown checks used to give.
    @Test func thePhrasingRuleRefusesDenialsAndLateUnknowns() {
        #expect(!UnknownReasonPhrasing.problems("arn:aws:sts::1:assumed-role/r/s needs `s3:GetObject` on `arn:aws:s3:::b/k`: ImplicitDeny — no policy allows it; but bucket `b` is not in the inputs").isEmpty)
        #expect(!UnknownReasonPhrasing.problems("IAM allows `Role`, but `Search` has fine-grained access control; whether the role is mapped is not in the template").isEmpty)
        #expect(!UnknownReasonPhrasing.problems("depends on `trust.pipeline-role`: whether OpenSearch Ingestion can assume `Role` is unknown").isEmpty)
        #expect(UnknownReasonPhrasing.problems("whether r may `s3:GetObject` on `b` is unknown: bucket `b` is not in the inputs, so its bucket policy is unknown").isEmpty)
    }
}
