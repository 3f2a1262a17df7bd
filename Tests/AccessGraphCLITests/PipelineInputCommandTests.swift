import Foundation
import TestSupport
import Testing

/// Pipeline configurations through the CLI: a pipeline file alone is analysed alone, the
/// embedded reference stack only when nothing is given (and the report says so), and a
/// configuration OpenSearch Ingestion refuses is an error finding at its place while the rest is
/// analysed.
@Suite struct PipelineInputCommandTests {
    static let environment = ["--account", "123456789012", "--region", "us-east-1"]
    static let referenceNote = "no input given: analysing the embedded reference stack (DashboardStack, account 123456789012, us-east-1)"

    /// What the file cannot see is unknown, naming what would tell; nothing of the reference
    /// stack (its roles, domain, Cognito pool) takes part.
    @Test func aPipelineFileAloneIsAnalysedAlone() throws {
        let directory = try TemporaryDirectory()
        let pipeline = try directory.write("pipeline.yaml", TestPipeline(
            table: "arn:aws:dynamodb:us-east-1:123456789012:table/orders", export: .bucket("orders-exports"), role: "arn:aws:iam::123456789012:role/orders-pipeline",
            sink: .host("https://search-orders-abc123.us-east-1.es.amazonaws.com", role: "arn:aws:iam::123456789012:role/orders-pipeline")).fileText)
        let run = accessgraph(["check", "--pipeline", pipeline])
        #expect(run.status == 0, "\(run.output)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "AccessGraph check: \(pipeline)")
        #expect(!run.stdout.contains("no input given"))
        #expect(!run.stdout.contains("ZeroETL") && !run.stdout.contains("authRoleIdentity") && !run.stdout.contains("Finding"), "\(run.stdout)")
        let role = "`arn:aws:iam::123456789012:role/orders-pipeline`"
        let tell = "is unknown (a template that defines it, or the account's IAM as `aws iam get-account-authorization-details` prints it, would tell)"
        #expect(lines.contains("  ? trust.pipeline-role: the pipeline role \(role) is not in the inputs, so whether it may be assumed by OpenSearch Ingestion \(tell)"), "\(run.stdout)")
        #expect(lines.contains("  ? source.dynamodb.export: the pipeline role \(role) is not in the inputs, so whether it may describe and export the table \(tell)"))
        #expect(lines.contains("  ? sink.opensearch: the domain at `https://search-orders-abc123.us-east-1.es.amazonaws.com` is not in the inputs, "
            + "so whether the sink's role may write to it is unknown (a template that defines the domain, or `aws opensearch describe-domain`, would tell)"))
        #expect(lines.contains("  - dashboards.cognito: no domain signs Dashboards users in with Cognito"))
        #expect(lines.contains("checks: 0 pass, 0 fail, 5 unknown, 1 skipped; findings: 0 error, 0 security-warning, 0 warning, 0 suggestion"))
        #expect(accessgraph(["check", "--pipeline", pipeline, "--fail-on-unknown"]).status == 3)
    }

    /// Only a command line without any input analyses the reference stack, and its report says so
    /// under the heading (text and Markdown); a template's report does not.
    @Test func theReferenceStackIsAnalysedOnlyWithoutInputAndSaysSo() throws {
        let text = accessgraph(["check"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("AccessGraph check: seed-stack/DashboardStack.123456789012-us-east-1.template.json\n\(Self.referenceNote)\n\nPipeline checks\n"), "\(text.stdout)")
        let markdown = accessgraph(["check", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("## AccessGraph: `seed-stack/DashboardStack.123456789012-us-east-1.template.json`\n\n\(Self.referenceNote)\n\n| | Check | Result |\n"), "\(markdown.stdout)")
        let directory = try TemporaryDirectory()
        let template = try directory.write("stack.json", PipelineStack.stack().templateText)
        #expect(!accessgraph(["check", "--template", template] + Self.environment).stdout.contains("no input given"))
    }

    @Test func aRejectedConfigurationIsAnErrorFindingAndTheChecksStillRun() throws {
        let directory = try TemporaryDirectory()
        let template = try directory.write("stack.json", PipelineStack.stack().templateText)
        let pipeline = try directory.write("pipeline.yaml", PipelineStack.configuration.sinking(into: nil).fileText)
        let run = accessgraph(["check", "--template", template, "--pipeline", pipeline] + Self.environment)
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("\n  error pipeline.missing-sink [Pipeline] (\(pipeline):2:1): `Pipeline`: sub-pipeline `dynamodb-pipeline` has no `sink`\n"), "\(run.stdout)")
        #expect(run.stdout.contains("\n  ✓ source.dynamodb.stream: "))
        #expect(run.stdout.contains("\n  - sink.opensearch: the pipeline has no OpenSearch sink\n"))

        let generate = accessgraph(["generate", "--template", template, "--pipeline", pipeline, "--output", directory.path + "/out"] + Self.environment)
        #expect(generate.status == 2)
        #expect(generate.stderr.hasPrefix("\(pipeline):2:1: error[pipeline.missing-sink]: sub-pipeline `dynamodb-pipeline` has no `sink`"), "\(generate.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/out"))
    }
}
