import Foundation
import TestSupport
import Testing

/// Several pipelines in one stack, through the CLI: every format labels each pipeline's checks,
/// `diff` compares a pipeline's checks with the same pipeline's, and `audit` takes each
/// pipeline's checks from the same analysis.
@Suite struct PerPipelineCommandTests {
    /// Neither role may read its table's stream.
    static func withoutStreams() -> TestStack {
        func withoutStream(_ policy: TestPolicy) -> TestPolicy {
            TestPolicy(policy.statements.filter { !$0.actions.contains("dynamodb:GetRecords") }, name: policy.name)
        }
        return PipelineStack.twoPipelines(pipelineRolePolicies: [withoutStream(PipelineStack.pipelinePolicy)],
                                          customersRolePolicies: [withoutStream(PipelineStack.customersPolicy)])
    }

    @Test func everyFormatLabelsEachPipelinesChecks() throws {
        let directory = try TemporaryDirectory()
        let template = try directory.write("stack.json", Self.withoutStreams().templateText)
        let run = accessgraph(["check", "--template", template, "--account", "123456789012", "--region", "us-east-1", "--output", directory.path + "/out"])
        #expect(run.status == 3, "\(run.output)")
        func file(_ name: String) throws -> String { try String(contentsOfFile: directory.path + "/out/" + name, encoding: .utf8) }

        let text = try file("report.txt")
        #expect(text.contains("\n  ✗ source.dynamodb.stream [CustomersPipeline (customers-pipeline)]: arn:aws:sts::123456789012:assumed-role/customers-pipeline-role/osis-pipeline needs `dynamodb:DescribeStream`"), "\(text)")
        #expect(text.contains("\n  ✗ source.dynamodb.stream [Pipeline (zero-etl-pipeline)]: arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline needs `dynamodb:DescribeStream`"))
        #expect(text.contains("\n  - dashboards.cognito: no domain signs Dashboards users in with Cognito\n"), "one domain check needs no label")
        #expect(text.contains("checks: 6 pass, 2 fail, 0 unknown, 3 skipped;"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(try file("report.json").utf8)) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        let subjects = checks.map { ($0["subject"] as? [String: Any]).map { "\($0["kind"] ?? "") \($0["label"] ?? "") \($0["name"] ?? "")" } ?? "null" }
        #expect(subjects == Array(repeating: "pipeline CustomersPipeline customers-pipeline", count: 5) + Array(repeating: "pipeline Pipeline zero-etl-pipeline", count: 5) + ["null"])

        let markdown = try file("report.md")
        #expect(markdown.contains("| ✗ | `source.dynamodb.stream` of `CustomersPipeline (customers-pipeline)` | "), "\(markdown)")

        let junit = try file("report.junit.xml")
        #expect(junit.contains(#"<testcase classname="pipeline" name="source.dynamodb.stream [CustomersPipeline (customers-pipeline)]">"#), "\(junit)")
        #expect(junit.contains(#"<testcase classname="pipeline" name="source.dynamodb.stream [Pipeline (zero-etl-pipeline)]">"#))

        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(try file("report.sarif").utf8)) as? [String: Any])
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let streams = results.filter { $0["ruleId"] as? String == "source.dynamodb.stream" }
        let messages = streams.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(messages.count == 2)
        #expect(messages.first?.hasPrefix("`CustomersPipeline (customers-pipeline)`: arn:aws:sts::") == true, "\(messages)")
        #expect(messages.last?.hasPrefix("`Pipeline (zero-etl-pipeline)`: arn:aws:sts::") == true)
        let fingerprints = Set(streams.compactMap { ($0["partialFingerprints"] as? [String: String])?["accessgraph/v1"] })
        #expect(fingerprints.count == 2, "each pipeline's result keeps its own identity")
    }

    @Test func diffComparesEachPipelinesChecksWithItsOwn() throws {
        let directory = try TemporaryDirectory()
        let base = try directory.write("base.json", PipelineStack.twoPipelines().templateText)
        let customersOnly = PipelineStack.twoPipelines(customersRolePolicies: [TestPolicy(
            PipelineStack.customersPolicy.statements.filter { !$0.actions.contains("dynamodb:GetRecords") }, name: "Customers")])
        let head = try directory.write("head.json", customersOnly.templateText)
        let run = accessgraph(["diff", "--base", base, "--head", head, "--account", "123456789012", "--region", "us-east-1", "--fail-on", "check-regression"])
        #expect(run.status == 3, "\(run.output)")
        let lines = run.stdout.split(separator: "\n").filter { $0.contains("→") && $0.contains("source.") }
        #expect(lines.count == 1, "\(run.stdout)")
        #expect(lines.first?.hasPrefix("  source.dynamodb.stream [CustomersPipeline (customers-pipeline)]: pass → fail (regression): ") == true, "\(run.stdout)")
    }

    /// Two pipelines in an account: a report each, from one analysis, and the Dashboards check
    /// of the account's domain once, in the account's report.
    @Test func auditSplitsOneAnalysisByPipeline() throws {
        let directory = try AuditCommandTests.withSecondPipeline(AuditCommandTests.reference)
        let run = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
        #expect(run.status == 0, "\(run.output)")
        let heading = "AccessGraph audit: account 123456789012 in us-east-1, snapshot \(directory.path): "
        let headings = run.stdout.split(separator: "\n").filter { $0.hasPrefix("AccessGraph ") }.map { $0.dropFirst(heading.count) }
        #expect(headings == ["pipeline opensearch-dynamodb-etl", "pipeline orders-etl", "account"], "\(run.stdout)")
        #expect(AuditCommandTests.statuses(run.stdout) == Array(repeating: ["✓ trust.pipeline-role", "✓ source.dynamodb.export", "✓ source.dynamodb.stream",
                                                                            "✓ source.s3.export", "✓ sink.opensearch"], count: 2).flatMap { $0 } + ["✓ dashboards.cognito"])
    }
}
