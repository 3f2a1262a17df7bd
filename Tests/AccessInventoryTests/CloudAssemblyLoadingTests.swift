import AccessInventory
import Foundation
import PipelineChecks
import PolicyModel
import ServiceCatalog
import TemplateParsing
import TestSupport
import Testing

/// `StackLoader` on CDK cloud assemblies: every stack (or those `--stack` names), each with the
/// environment its manifest gives, nested stacks joining with their parent's parameters.
@Suite struct CloudAssemblyLoadingTests {
    static func load(_ input: StackInput) throws -> Inventory {
        try StackLoader.load(input, catalogue: try ServiceCatalogue.embedded())
    }

    static func loadError(_ input: StackInput) throws -> DiagnosticError {
        try #require(throws: DiagnosticError.self) { try load(input) }
    }

    /// The split application as CDK synthesizes it: the manifest's environment fills in the
    /// account and region, and both stacks form one analysis.
    @Test func everyStackOfAnAssemblyFormsOneAnalysis() throws {
        let directory = try TemporaryDirectory()
        let path = try TestAssembly()
            .stack("Storage", SplitPipelineStack.storage())
            .stack("Ingestion", SplitPipelineStack.ingestion(), dependencies: ["Storage"])
            .write(in: directory)
        let inventory = try Self.load(StackInput(template: .file(path)))
        #expect(inventory.name == path)
        #expect(inventory.stacks.map(\.name) == ["Storage", "Ingestion"])
        #expect(inventory.stacks.map(\.file) == [path + "/Storage.template.json", path + "/Ingestion.template.json"])
        #expect(inventory.stacks.map(\.context.account) == ["123456789012", "123456789012"])
        #expect(inventory.stacks.map(\.context.stackName) == ["Storage", "Ingestion"])
        #expect(inventory.tables.first?.identity.arn == "arn:aws:dynamodb:us-east-1:123456789012:table/orders")
        let report = StackAnalyzer.analyze(inventory, catalogue: try ServiceCatalogue.embedded())
        #expect(report.checks.map(\.status) == (try PipelineStack.stack().report()).checks.map(\.status))
    }

    /// `unknown-account` stays symbolic unless an account is given; a concrete one must agree
    /// with what is given.
    @Test func theManifestsEnvironmentAndTheGivenOneMustAgree() throws {
        let directory = try TemporaryDirectory()
        let path = try TestAssembly()
            .stack("Agnostic", TestStack().table("Orders", name: "orders"), environment: "aws://unknown-account/unknown-region")
            .stack("Pinned", TestStack().table("Orders", name: "orders"), environment: "aws://111122223333/eu-west-1")
            .write(in: directory)
        let symbolic = try Self.load(StackInput(template: .file(path)))
        #expect(symbolic.tables.map(\.identity.arn) == [
            "arn:\(SymbolToken.make("AWS.Partition")):dynamodb:\(SymbolToken.make("AWS.Region")):\(SymbolToken.make("AWS.AccountId")):table/orders",
            "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
        ])
        let given = try Self.load(StackInput(template: .file(path), context: TemplateContext(account: "111122223333"), stacks: ["Agnostic"]))
        #expect(given.tables.map(\.identity.arn) == ["arn:\(SymbolToken.make("AWS.Partition")):dynamodb:\(SymbolToken.make("AWS.Region")):111122223333:table/orders"])

        let mismatch = try Self.loadError(StackInput(template: .file(path), context: TemplateContext(account: "444455556666", region: "eu-west-1")))
        #expect(mismatch.diagnostics.map(\.code) == ["assembly.environment-mismatch"])
        #expect(mismatch.diagnostics.first?.message == "stack `Pinned` is synthesized for account `111122223333`, not `444455556666` as given")
        #expect(mismatch.diagnostics.first?.file == path + "/manifest.json")
        #expect(mismatch.diagnostics.first?.position.isKnown == true)
        let partition = try Self.loadError(StackInput(template: .file(path), context: TemplateContext(partition: "aws-cn"), stacks: ["Pinned"]))
        #expect(partition.diagnostics.map(\.message) == ["stack `Pinned` is synthesized for partition `aws`, not `aws-cn` as given"])
    }

    @Test func stacksAreSelectedByIdOrName() throws {
        let directory = try TemporaryDirectory()
        let path = try TestAssembly()
            .stack("Storage", SplitPipelineStack.storage())
            .stack("Ingestion", SplitPipelineStack.ingestion(), stackName: "orders-ingestion")
            .write(in: directory)
        #expect(try Self.load(StackInput(template: .file(path), stacks: ["orders-ingestion"])).stacks.map(\.name) == ["Ingestion"])
        let one = try Self.load(StackInput(template: .file(path), stacks: ["Storage"]))
        #expect(one.stacks.map(\.name) == ["Storage"])
        #expect(one.tables.map(\.identity.label) == ["Orders"], "one stack selected: labels as for one template")
        #expect(one.name == path + "/Storage.template.json")

        let unknown = try Self.loadError(StackInput(template: .file(path), stacks: ["Storage", "Search", "Api"]))
        #expect(unknown.diagnostics.map(\.description) == [
            "--stack: error[assembly.unknown-stack]: no stack `Search` in `\(path)`",
            "--stack: error[assembly.unknown-stack]: no stack `Api` in `\(path)`",
        ])
        #expect(unknown.diagnostics.first?.help == "its stacks: `Storage`, `Ingestion`")
        let noAssembly = try Self.loadError(StackInput(template: .bytes(Array(PipelineStack.stack().templateText.utf8), name: "t.json"), stacks: ["Storage"]))
        #expect(noAssembly.diagnostics.map(\.code) == ["assembly.stack-without-assembly"])
    }

    /// A template given by path inside an assembly takes its environment from the manifest.
    @Test func aTemplateInsideAnAssemblyTakesItsEnvironment() throws {
        let directory = try TemporaryDirectory()
        let path = try TestAssembly().stack("Storage", SplitPipelineStack.storage(), environment: "aws://111122223333/eu-west-1").write(in: directory)
        let inventory = try Self.load(StackInput(template: .file(path + "/Storage.template.json")))
        #expect(inventory.tables.first?.identity.arn == "arn:aws:dynamodb:eu-west-1:111122223333:table/orders")
        #expect(inventory.stacks.map(\.context.stackName) == ["Storage"])
        // Beside a manifest that lists it not, a template is read as it is.
        try directory.write("cdk.out/Loose.template.json", SplitPipelineStack.storage().templateText)
        let loose = try Self.load(StackInput(template: .file(path + "/Loose.template.json")))
        #expect(loose.tables.first?.identity.arn.hasPrefix("arn:" + SymbolToken.make("AWS.Partition")) == true)
    }

    /// A CDK stage's stacks live in an assembly of their own, which the top one names.
    @Test func aStagesStacksAreRead() throws {
        let directory = try TemporaryDirectory()
        try TestAssembly().stack("ProdStorage", SplitPipelineStack.storage()).write(in: directory, at: "cdk.out/assembly-Prod")
        try directory.write("cdk.out/manifest.json", """
        {"version": "36.0.0", "artifacts": {"assembly-Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"}}}}
        """)
        let inventory = try Self.load(StackInput(template: .file(directory.path + "/cdk.out")))
        #expect(inventory.stacks.map(\.name) == ["ProdStorage"])
        #expect(inventory.stacks.map(\.file) == [directory.path + "/cdk.out/assembly-Prod/ProdStorage.template.json"])
    }

    @Test func aDirectoryThatIsNoAssemblyIsAnError() throws {
        let directory = try TemporaryDirectory()
        let error = try Self.loadError(StackInput(template: .file(directory.path)))
        #expect(error.diagnostics.map(\.description) == ["\(directory.path): error[assembly.no-manifest]: the directory has no `manifest.json`"])
        try directory.write("manifest.json", #"{"version": "36.0.0", "artifacts": {"Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}}}"#)
        #expect(try Self.loadError(StackInput(template: .file(directory.path))).diagnostics.map(\.code) == ["assembly.no-stacks"])
        try directory.write("manifest.json", "{\"version\": 36}")
        let malformed = try Self.loadError(StackInput(template: .file(directory.path)))
        #expect(malformed.diagnostics.map(\.description) == ["\(directory.path)/manifest.json:1:13: error[assembly.invalid-manifest]: the manifest needs a string `version`"])
    }

    /// The manifest's parameter values are the deployment's; the user's override them.
    @Test func manifestParametersApply() throws {
        let directory = try TemporaryDirectory()
        let stack = TestStack().parameter("TableName", default: "default-orders").adding("Orders", type: "AWS::DynamoDB::Table", properties: [
            ("TableName", .object([("Ref", .string("TableName"))])),
        ])
        let path = try TestAssembly().stack("Storage", stack, parameters: [("TableName", "deployed-orders")]).write(in: directory)
        #expect(try Self.load(StackInput(template: .file(path))).tables.first?.name == "deployed-orders")
        let given = ParameterValue(key: "TableName", value: "given-orders", location: SourceLocation(file: "--parameter", position: .unknown))
        #expect(try Self.load(StackInput(template: .file(path), parameters: [given])).tables.first?.name == "given-orders")
    }

    // MARK: Nested stacks

    /// The parent's table and the nested stack's pipeline: the value the parent passes as a
    /// parameter joins them, and labels name the nested stack's resources under their parent.
    static func nestedAssembly(in directory: TemporaryDirectory, condition: String? = nil) throws -> String {
        let nestedFile = "ParentIngestion1A2B3C4D.nested.template.json"
        var parent = SplitPipelineStack.storage()
            .nestedStack("IngestionNestedStackResource5F6A7B8C", templateFile: nestedFile, parameters: [
                ("referencetoParentOrdersArnRef", .arn(of: "Orders")), ("referencetoParentExportsRef", .ref("Exports")),
                ("referencetoParentExportsArnRef", .arn(of: "Exports")), ("referencetoParentSearchArnRef", .arn(of: "Search")),
                ("referencetoParentSearchDomainEndpointRef", .endpoint(of: "Search")),
            ], condition: condition)
        if let condition { parent = parent.parameter("Ingest", default: "no").condition(condition, parameter: "Ingest", equals: "yes") }
        let policy = PipelineStack.policy(table: .ref("referencetoParentOrdersArnRef"), bucket: .ref("referencetoParentExportsArnRef"), domain: .ref("referencetoParentSearchArnRef"))
        var nested = TestStack(name: nestedFile)
            .role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust, policies: [policy])
            .pipeline("Pipeline", role: .arn(of: "PipelineRole"), configuration: TestPipeline(
                table: .ref("referencetoParentOrdersArnRef"), export: .bucket(.ref("referencetoParentExportsRef"), prefix: "ddb/"), role: .arn(of: "PipelineRole"),
                sink: .host("https://" + .ref("referencetoParentSearchDomainEndpointRef"), role: .arn(of: "PipelineRole"))), logging: true)
        for name in ["referencetoParentOrdersArnRef", "referencetoParentExportsRef", "referencetoParentExportsArnRef", "referencetoParentSearchArnRef",
                     "referencetoParentSearchDomainEndpointRef"] {
            nested = nested.parameter(name)
        }
        return try TestAssembly().stack("Parent", parent).nestedTemplate(nestedFile, nested).write(in: directory)
    }

    @Test func aNestedStackJoinsWithItsParentsParameters() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.nestedAssembly(in: directory)
        let inventory = try Self.load(StackInput(template: .file(path)))
        #expect(inventory.stacks.map(\.name) == ["Parent", "Parent/IngestionNestedStackResource5F6A7B8C"])
        #expect(inventory.roles.map(\.label) == ["Parent/IngestionNestedStackResource5F6A7B8C/PipelineRole"])
        #expect(inventory.tables.map(\.identity.label) == ["Parent/Orders"])
        #expect(inventory.stacks.last?.context.account == "123456789012", "a nested stack deploys where its parent does")
        let report = StackAnalyzer.analyze(inventory, catalogue: try ServiceCatalogue.embedded())
        #expect(report.checks.map(\.status) == (try PipelineStack.stack().report()).checks.map(\.status), "\(report.checks.map(\.reason))")
        // Given by path, the parent finds its nested stack beside it too.
        #expect(try Self.load(StackInput(template: .file(path + "/Parent.template.json"))).stacks.count == 2)
    }

    /// A nested stack whose resource's condition is false is not deployed, so not analysed.
    @Test func aNestedStackLeftOutByItsConditionIsNotLoaded() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.nestedAssembly(in: directory, condition: "IngestEnabled")
        #expect(try Self.load(StackInput(template: .file(path))).roles.isEmpty)
        let on = ParameterValue(key: "Ingest", value: "yes", location: SourceLocation(file: "--parameter", position: .unknown))
        #expect(try Self.load(StackInput(template: .file(path), parameters: [on])).roles.count == 1)
    }

    /// A parent naming a resource of its nested stack reads the nested stack's output, as CDK
    /// writes it (`Fn::GetAtt` of `Outputs.…`), once the nested stack is loaded.
    @Test func aParentReadsItsNestedStacksOutputs() throws {
        let directory = try TemporaryDirectory()
        let roleOutput = TestValue.getAtt("RolesNestedStackResource1A2B3C4D", "Outputs.ParentRolesPipelineRoleArn5E6F7A8B")
        let parent = SplitPipelineStack.storage()
            .nestedStack("RolesNestedStackResource1A2B3C4D", templateFile: "ParentRoles.nested.template.json", parameters: [
                ("referencetoParentOrdersArn", .arn(of: "Orders")), ("referencetoParentExportsArn", .arn(of: "Exports")), ("referencetoParentSearchArn", .arn(of: "Search")),
            ])
            .pipeline("Pipeline", role: roleOutput, configuration: TestPipeline(
                table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/"), role: roleOutput, sink: .domain("Search", role: roleOutput)), logging: true)
        let policy = PipelineStack.policy(table: .ref("referencetoParentOrdersArn"), bucket: .ref("referencetoParentExportsArn"), domain: .ref("referencetoParentSearchArn"))
        let nested = TestStack(name: "ParentRoles.nested.template.json")
            .parameter("referencetoParentOrdersArn").parameter("referencetoParentExportsArn").parameter("referencetoParentSearchArn")
            .role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust, policies: [policy])
            .output("ParentRolesPipelineRoleArn5E6F7A8B", value: .arn(of: "PipelineRole"))
        let path = try TestAssembly().stack("Parent", parent).nestedTemplate("ParentRoles.nested.template.json", nested).write(in: directory)
        let inventory = try Self.load(StackInput(template: .file(path)))
        let pipeline = try #require(inventory.pipelines.first)
        #expect(pipeline.roleARN?.value == "arn:aws:iam::123456789012:role/orders-pipeline-role")
        #expect(inventory.role(arn: pipeline.roleARN?.value ?? "")?.label == "Parent/RolesNestedStackResource1A2B3C4D/PipelineRole")
        let report = StackAnalyzer.analyze(inventory, catalogue: try ServiceCatalogue.embedded())
        #expect(report.checks.map(\.status) == (try PipelineStack.stack().report()).checks.map(\.status), "\(report.checks.map(\.reason))")
    }

    @Test func aNestedTemplateMissingFromTheAssemblyIsAnError() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.nestedAssembly(in: directory)
        try FileManager.default.removeItem(atPath: path + "/ParentIngestion1A2B3C4D.nested.template.json")
        let error = try Self.loadError(StackInput(template: .file(path)))
        #expect(error.diagnostics.map(\.code) == ["assembly.missing-nested-template"])
        #expect(error.diagnostics.first?.file == path + "/Parent.template.json")
        #expect(error.diagnostics.first?.message
                == "the template of nested stack `IngestionNestedStackResource5F6A7B8C`, `ParentIngestion1A2B3C4D.nested.template.json`, is not in the cloud assembly")
        // Copied out of its assembly, the parent is analysed alone: its nested stack stays a resource.
        let copy = try directory.write("elsewhere/Parent.template.json", try String(contentsOfFile: path + "/Parent.template.json", encoding: .utf8))
        #expect(try Self.load(StackInput(template: .file(copy))).stacks.count == 1)
    }

    @Test func aNestedStackContainingItsParentIsAnError() throws {
        let directory = try TemporaryDirectory()
        let loop = TestStack(name: "Loop.nested.template.json").nestedStack("Again", templateFile: "Loop.nested.template.json")
        let path = try TestAssembly().stack("Parent", TestStack().nestedStack("Child", templateFile: "Loop.nested.template.json"))
            .nestedTemplate("Loop.nested.template.json", loop).write(in: directory)
        let error = try Self.loadError(StackInput(template: .file(path)))
        #expect(error.diagnostics.map(\.code) == ["assembly.nested-cycle"])
        #expect(error.diagnostics.first?.file == path + "/Loop.nested.template.json")
    }
}
