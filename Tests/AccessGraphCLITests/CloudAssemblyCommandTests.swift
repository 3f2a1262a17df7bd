import Foundation
import TestSupport
import Testing

/// `--template cdk.out`, `--stack` and several `--template`s on every command that loads stacks:
/// output, messages and exit codes.
@Suite struct CloudAssemblyCommandTests {
    /// The split application as `cdk synth` writes it.
    static func splitAssembly(in directory: TemporaryDirectory, at name: String = "cdk.out", ingestion: TestStack = SplitPipelineStack.ingestion()) throws -> String {
        try TestAssembly()
            .stack("Storage", SplitPipelineStack.storage())
            .stack("Ingestion", ingestion, dependencies: ["Storage"])
            .write(in: directory, at: name)
    }

    @Test func checkReadsEveryStackOfAnAssembly() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.splitAssembly(in: directory)
        let run = accessgraph(["check", "--template", path, "--fail-on", "error"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.hasPrefix("AccessGraph check: \(path)\n"))
        #expect(run.stdout.contains("✓ source.dynamodb.export: `Ingestion/PipelineRole` may describe and export `arn:aws:dynamodb:us-east-1:123456789012:table/orders`"))
        #expect(run.stdout.contains("✓ sink.opensearch: `Ingestion/PipelineRole` may describe `Storage/Search`"), "\(run.stdout)")
        // One stack alone: its imports are unknown, and the gate can be told to refuse that.
        let alone = accessgraph(["check", "--template", path, "--stack", "Ingestion", "--fail-on-unknown"])
        #expect(alone.status == 3, "\(alone.output)")
        #expect(alone.stdout.contains("? source.dynamodb.export: "))
    }

    /// A separate pipeline file names the stacks' resources by their labels (`Storage/Orders`).
    @Test func aPipelineFileNamesResourcesByStack() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.splitAssembly(in: directory)
        let role = TestValue.arn(of: "Ingestion/PipelineRole")
        let pipeline = try directory.write("pipeline.yaml", TestPipeline(
            table: .arn(of: "Storage/Orders"), stream: false, export: .bucket(.ref("Storage/Exports"), prefix: "ddb/"), role: role,
            sink: .host("https://" + .endpoint(of: "Storage/Search"), role: role)).fileText)
        let run = accessgraph(["check", "--template", path, "--pipeline", pipeline])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("✓ source.dynamodb.export: `Ingestion/PipelineRole` may describe and export `arn:aws:dynamodb:us-east-1:123456789012:table/orders`"), "\(run.stdout)")
        #expect(run.stdout.contains("- source.dynamodb.stream: "), "the file reads no stream")
        #expect(run.stdout.contains("✓ sink.opensearch: `Ingestion/PipelineRole` may describe `Storage/Search`"))
    }

    /// Several `--template`s are one analysis, never the last one alone.
    @Test func repeatedTemplatesAreOneAnalysis() throws {
        let directory = try TemporaryDirectory()
        let storage = try directory.write("Storage.template.json", SplitPipelineStack.storage().templateText)
        let ingestion = try directory.write("Ingestion.template.json", SplitPipelineStack.ingestion().templateText)
        let run = accessgraph(["check", "--template", ingestion, "--template", storage, "--account", "123456789012", "--region", "us-east-1", "--format", "json"])
        #expect(run.status == 0, "\(run.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["template"] as? String == "\(ingestion), \(storage)")
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.compactMap { $0["status"] as? String } == ["pass", "pass", "pass", "pass", "pass", "skipped"])
    }

    @Test func graphLabelsResourcesByStack() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.splitAssembly(in: directory)
        let dot = accessgraph(["graph", "--template", path])
        #expect(dot.status == 0, "\(dot.output)")
        #expect(dot.stdout.contains("label=\"Storage/Orders\""), "\(dot.stdout)")
        #expect(dot.stdout.contains("label=\"Ingestion/PipelineRole\""))
        let chains = accessgraph(["graph", "--template", path, "--to", "Storage/Orders", "--action", "dynamodb:ExportTableToPointInTime"])
        #expect(chains.status == 0, "\(chains.output)")
        #expect(chains.stdout.contains("Ingestion/PipelineRole"), "\(chains.stdout)")
    }

    @Test func generateNamesTheStacksItReads() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.splitAssembly(in: directory)
        let output = directory.path + "/policies"
        let run = accessgraph(["generate", "--template", path, "--output", output])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.hasPrefix("AccessGraph generate: Storage-Ingestion, pipeline `Ingestion/Pipeline`\n"), "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: output + "/pipeline-role-policy.json"))
        // A patch needs one template.
        let patch = accessgraph(["generate", "--template", path, "--output", output, "--patch-template", directory.path + "/patched.json"])
        #expect(patch.status == 2)
        #expect(patch.stderr.contains("error[generate.several-stacks]: --patch-template patches one template, and the analysis has 2 stacks"), "\(patch.output)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/patched.json"))
    }

    /// Both sides of a pull request as `cdk synth` writes them.
    @Test func diffComparesTwoAssemblies() throws {
        let directory = try TemporaryDirectory()
        let base = try Self.splitAssembly(in: directory, at: "base/cdk.out")
        let widened = SplitPipelineStack.ingestion(policies: [SplitPipelineStack.pipelinePolicy, TestPolicy([.allow(["dynamodb:DeleteTable"], on: .importValue(SplitPipelineStack.tableARN))], name: "Extra")])
        let head = try Self.splitAssembly(in: directory, at: "head/cdk.out", ingestion: widened)
        let same = accessgraph(["diff", "--base", base, "--head", base, "--fail-on", "new-access"])
        #expect(same.status == 0, "\(same.output)")
        #expect(same.stdout.contains("No change in access, checks, findings or policies."))
        let run = accessgraph(["diff", "--base", base, "--head", head, "--fail-on", "new-access"])
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stdout.contains("+ can-act → arn:aws:dynamodb:us-east-1:123456789012:table/orders: dynamodb:DeleteTable"), "\(run.stdout)")
        #expect(run.stdout.contains("by Ingestion/PipelineRole.Extra statement 0 at "), "\(run.stdout)")
        // Each side needs at least one input; a missing one is a usage error.
        let half = accessgraph(["diff", "--head", head])
        #expect(half.status == 64)
        #expect(half.stderr.hasPrefix("Error: Missing expected argument '--base <file-or-dir>'\n"), "\(half.stderr)")
        // --stack and the environment apply to both sides.
        let mismatch = accessgraph(["diff", "--base", base, "--head", head, "--account", "444455556666"])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("error[assembly.environment-mismatch]: stack `Storage` is synthesized for account `123456789012`, not `444455556666` as given"))
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// What stderr must hold, `DIR` standing for the assembly's path.
        var message: String
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "unknown stack", arguments: ["check", "--template", "DIR", "--stack", "Search"],
                 message: "--stack: error[assembly.unknown-stack]: no stack `Search` in `DIR`\n  help: its stacks: `Storage`, `Ingestion`\n"),
        BadInput(name: "stack without an assembly", arguments: ["graph", "--stack", "Storage"],
                 message: "--stack: error[assembly.stack-without-assembly]: a stack is selected, but no cloud assembly is given"),
        BadInput(name: "account the stacks are not for", arguments: ["generate", "--template", "DIR", "--account", "444455556666"],
                 message: "DIR/manifest.json:12:5: error[assembly.environment-mismatch]: stack `Storage` is synthesized for account `123456789012`, not `444455556666` as given"),
        BadInput(name: "region the stacks are not for", arguments: ["check", "--template", "DIR", "--region", "eu-west-1", "--stack", "Ingestion"],
                 message: "error[assembly.environment-mismatch]: stack `Ingestion` is synthesized for region `us-east-1`, not `eu-west-1` as given"),
        BadInput(name: "directory without a manifest", arguments: ["check", "--template", "DIR/.."],
                 message: "DIR/..: error[assembly.no-manifest]: the directory has no `manifest.json`"),
    ]

    @Test(arguments: badInputs)
    func badAssemblyInputIsExit2(_ testCase: BadInput) throws {
        let directory = try TemporaryDirectory()
        let path = try Self.splitAssembly(in: directory)
        let run = accessgraph(testCase.arguments.map { $0.replacingOccurrences(of: "DIR", with: path) })
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(testCase.message.replacingOccurrences(of: "DIR", with: path)), "\(run.stderr)")
    }

    @Test func aMalformedManifestIsAPositionedError() throws {
        let directory = try TemporaryDirectory()
        try directory.write("cdk.out/manifest.json", "{\n  \"version\": \"36.0.0\",\n  \"artifacts\": {\n    \"A\": {\"type\": \"aws:cloudformation:stack\", \"environment\": \"aws://1/us-east-1\",\n      \"properties\": {\"templateFile\": \"A.template.json\"}}\n  }\n}\n")
        let run = accessgraph(["check", "--template", directory.path + "/cdk.out"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("\(directory.path)/cdk.out/manifest.json:4:62: error[assembly.invalid-environment]: the environment of stack `A` must read `aws://ACCOUNT/REGION`, found `aws://1/us-east-1`\n"), "\(run.stderr)")
    }
}
