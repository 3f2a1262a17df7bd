import Foundation
import TestSupport
import Testing

/// Pipeline configurations through the CLI: one OpenSearch Ingestion refuses is an error finding
/// at its place while the rest is analysed.
@Suite struct PipelineInputCommandTests {
    static let environment = ["--account", "123456789012", "--region", "us-east-1"]

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
