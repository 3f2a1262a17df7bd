import PolicyModel
import PolicyParsing
import TestSupport
import Testing
@testable import TemplateParsing

/// `CloudAssembly`: the stacks of a `cdk.out` manifest, as CDK writes it, and every way a
/// manifest can break CDK's schema, each at its place.
@Suite struct CloudAssemblyTests {
    static func parse(_ text: String) throws -> CloudAssembly {
        try CloudAssembly.parse(bytes: Array(text.utf8), directory: "cdk.out")
    }

    /// The manifest `TestAssembly` writes, as `cdk synth` does: asset manifests and the tree are
    /// not stacks; each stack has its template, environment, parameters and dependencies.
    @Test func readsTheStacksOfARealShapedManifest() throws {
        let assembly = TestAssembly()
            .stack("Storage", TestStack().table("Orders"), parameters: [("TableClass", "STANDARD")])
            .stack("Pipeline", TestStack().role("PipelineRole", trust: .service("osis-pipelines.amazonaws.com")), environment: "aws://unknown-account/eu-west-1",
                   dependencies: ["Storage"], stackName: "orders-pipeline")
        let manifest = assembly.manifest.rendered()
        let parsed = try Self.parse(manifest)
        #expect(parsed.stacks.map(\.id) == ["Storage", "Pipeline"])
        #expect(parsed.stacks.map(\.templatePath) == ["cdk.out/Storage.template.json", "cdk.out/Pipeline.template.json"])
        #expect(parsed.stacks.map(\.stackName) == ["Storage", "orders-pipeline"])
        #expect(parsed.stacks[0].account == "123456789012")
        #expect(parsed.stacks[0].region == "us-east-1")
        #expect(parsed.stacks[1].account == nil, "unknown-account stays symbolic")
        #expect(parsed.stacks[1].region == "eu-west-1")
        #expect(parsed.stacks[0].parameters == ["TableClass": "STANDARD"])
        #expect(parsed.stacks[1].dependencies == ["Pipeline.assets", "Storage"])
        let line = manifest.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"Pipeline\": {") }.map { $0 + 1 }
        #expect(parsed.stacks[1].location == SourceLocation(file: "cdk.out/manifest.json", position: SourcePosition(line: line ?? 0, column: 5)))
        #expect(parsed.stack(withTemplateFile: "Pipeline.template.json")?.id == "Pipeline")
        #expect(parsed.stack(withTemplateFile: "Pipeline.assets.json") == nil)
        #expect(parsed.nestedAssemblies.isEmpty)
    }

    @Test func anAgnosticStackHasNoEnvironment() throws {
        let parsed = try Self.parse(#"{"version": "36.0.0", "artifacts": {"A": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region", "properties": {"templateFile": "A.template.json"}}}}"#)
        #expect(parsed.stacks.first?.account == nil)
        #expect(parsed.stacks.first?.region == nil)
    }

    /// A CDK stage's assembly is a `cdk:cloud-assembly` artifact in a directory of its own.
    @Test func aStageIsANestedAssembly() throws {
        let parsed = try Self.parse(#"{"version": "36.0.0", "artifacts": {"assembly-Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"}}}}"#)
        #expect(parsed.stacks.isEmpty)
        #expect(parsed.nestedAssemblies.map(\.directory) == ["cdk.out/assembly-Prod"])
    }

    /// A text, the error code it gives and where (the shape `ErrorTests` uses for templates).
    typealias Malformed = ErrorTests.Case

    static let malformed: [Malformed] = [
        Malformed(name: "not JSON", text: "{\n  \"version\": \"36.0.0\",\n}", code: "json.expected-key", line: 3, column: 1, message: "expected a quoted member name"),
        Malformed(name: "an array", text: "[]", code: "assembly.invalid-manifest", line: 1, column: 1, message: "must be an object, found array"),
        Malformed(name: "no version", text: "{\n  \"artifacts\": {}\n}", code: "assembly.invalid-manifest", line: 1, column: 1, message: "needs a string `version`"),
        Malformed(name: "artifacts not an object", text: "{\"version\": \"36.0.0\",\n \"artifacts\": []}", code: "assembly.invalid-manifest", line: 2, column: 15,
                  message: "`artifacts` must be an object, found array"),
        Malformed(name: "artifact without a type", text: "{\"version\": \"36.0.0\", \"artifacts\": {\n  \"A\": {\"properties\": {}}}}", code: "assembly.invalid-manifest",
                  line: 2, column: 3, message: "artifact `A` needs a string `type`"),
        Malformed(name: "stack without a template file", text: "{\"version\": \"36.0.0\", \"artifacts\": {\n  \"A\": {\"type\": \"aws:cloudformation:stack\",\n   \"properties\": {}}}}",
                  code: "assembly.invalid-manifest", line: 3, column: 18, message: "artifact `A` needs a string `properties.templateFile`"),
        Malformed(name: "template file outside the assembly",
                  text: "{\"version\": \"36.0.0\", \"artifacts\": {\n  \"A\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\n    \"templateFile\": \"../../etc/passwd\"}}}}",
                  code: "assembly.invalid-manifest", line: 3, column: 21, message: "artifact `A` names `../../etc/passwd`, which leaves the assembly's directory"),
        Malformed(name: "absolute template file",
                  text: "{\"version\": \"36.0.0\", \"artifacts\": {\"A\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"/tmp/A.json\"}}}}",
                  code: "assembly.invalid-manifest", line: 1, column: 110, message: "is absolute"),
        Malformed(name: "environment without a region",
                  text: "{\"version\": \"36.0.0\", \"artifacts\": {\"A\": {\"type\": \"aws:cloudformation:stack\",\n \"environment\": \"aws://123456789012\", \"properties\": {\"templateFile\": \"A.json\"}}}}",
                  code: "assembly.invalid-environment", line: 2, column: 17, message: "must read `aws://ACCOUNT/REGION`, found `aws://123456789012`"),
        Malformed(name: "environment with a placeholder account",
                  text: "{\"version\": \"36.0.0\", \"artifacts\": {\"A\": {\"type\": \"aws:cloudformation:stack\",\n \"environment\": \"aws://{account}/us-east-1\", \"properties\": {\"templateFile\": \"A.json\"}}}}",
                  code: "assembly.invalid-environment", line: 2, column: 17, message: "found `aws://{account}/us-east-1`"),
        Malformed(name: "parameter that is not a string",
                  text: "{\"version\": \"36.0.0\", \"artifacts\": {\"A\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"A.json\",\n \"parameters\": {\"Env\": 3}}}}}",
                  code: "assembly.invalid-manifest", line: 2, column: 24, message: "parameter `Env` of stack `A` must be a string, found number"),
        Malformed(name: "dependencies not a list",
                  text: "{\"version\": \"36.0.0\", \"artifacts\": {\"A\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"A.json\"},\n \"dependencies\": \"B\"}}}",
                  code: "assembly.invalid-manifest", line: 2, column: 18, message: "`dependencies` of stack `A` must be an array, found string"),
        Malformed(name: "stage without a directory",
                  text: "{\"version\": \"36.0.0\", \"artifacts\": {\n \"S\": {\"type\": \"cdk:cloud-assembly\", \"properties\": {}}}}",
                  code: "assembly.invalid-manifest", line: 2, column: 52, message: "artifact `S` needs a string `properties.directoryName`"),
    ]

    @Test(arguments: malformed)
    func aMalformedManifestIsAPositionedError(_ testCase: Malformed) throws {
        let error = try #require(throws: DiagnosticError.self) { try Self.parse(testCase.text) }
        try testCase.expectFirst(of: error, in: "cdk.out/manifest.json")
    }

    /// Unknown artifact types (CDK adds some) and unknown properties are not errors.
    @Test func unknownArtifactsAreIgnored() throws {
        let parsed = try Self.parse(#"{"version": "99.0.0", "artifacts": {"X": {"type": "cdk:future-thing", "properties": {"a": 1}}, "A": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "A.json", "somethingNew": true}}}, "runtime": {"libraries": {}}}"#)
        #expect(parsed.stacks.map(\.id) == ["A"])
    }

    @Test func aManifestLargerThanTheLimitIsRefusedUnread() throws {
        let error = try #require(throws: DiagnosticError.self) {
            try CloudAssembly.parse(bytes: [UInt8](repeating: 0x20, count: InputLimits.manifestBytes + 1), directory: "cdk.out")
        }
        #expect(error.diagnostics.map(\.code) == ["assembly.too-large"])
    }

    // MARK: Nested stacks

    @Test func nestedStacksAreFoundByTheirAssetPath() throws {
        let parent = TestStack()
            .nestedStack("DataNestedStackResourceA1B2C3D4", templateFile: "ParentData1A2B3C4D.nested.template.json")
            .adding("Other", type: "AWS::CloudFormation::Stack", properties: [("TemplateURL", .string("https://example.com/t.json"))])
        let document = try CloudFormationTemplate.parseDocument(bytes: Array(parent.templateText.utf8))
        let assets = try CloudAssembly.nestedStackAssets(in: document)
        #expect(assets.map(\.logicalId) == ["DataNestedStackResourceA1B2C3D4"], "a nested stack whose template is elsewhere is not an asset")
        #expect(assets.map(\.path) == ["ParentData1A2B3C4D.nested.template.json"])
        #expect(assets.first?.position == parent.location(of: "\"ParentData1A2B3C4D.nested.template.json\"").position)
    }

    @Test(arguments: ["../secret.json", "/etc/passwd", "a/../../b.json", ""])
    func aNestedTemplateOutsideTheAssemblyIsAnError(path: String) throws {
        let parent = TestStack().nestedStack("Nested", templateFile: path)
        let document = try CloudFormationTemplate.parseDocument(bytes: Array(parent.templateText.utf8))
        let error = try #require(throws: DiagnosticError.self) { try CloudAssembly.nestedStackAssets(in: document) }
        #expect(error.diagnostics.map(\.code) == ["assembly.invalid-asset-path"])
        #expect(error.diagnostics.first?.message.hasPrefix("the template of nested stack `Nested`, `\(path)`, ") == true)
        #expect(error.diagnostics.first?.position == parent.location(of: "\"aws:asset:path\": ").position.advanced(byColumns: 18))
    }
}

extension SourcePosition {
    func advanced(byColumns columns: Int) -> SourcePosition {
        SourcePosition(line: line, column: column + columns)
    }
}
