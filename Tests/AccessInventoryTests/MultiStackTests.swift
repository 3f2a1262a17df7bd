import AccessInventory
import PipelineChecks
import PolicyModel
import ServiceCatalog
import TemplateParsing
import TestSupport
import Testing

/// Several templates as one analysis: one inventory, cross-stack references joined, and labels
/// and tokens kept apart per stack.
@Suite struct MultiStackTests {
    static let storage = SplitPipelineStack.storage()
    static let ingestion = SplitPipelineStack.ingestion()

    /// The application split in two stacks is checked as the one stack is: CDK's
    /// `Fn::ImportValue` of `Storage:ExportsOutput…` joins the table, bucket and domain.
    @Test func crossStackReferencesJoinTheRightResources() throws {
        let inventory = try TestStack.inventory([Self.storage, Self.ingestion])
        #expect(inventory.name == "Storage.template.json, Ingestion.template.json")
        #expect(inventory.stacks.map(\.name) == ["Storage", "Ingestion"])
        #expect(inventory.roles.map(\.label) == ["Ingestion/PipelineRole"])
        #expect(inventory.tables.map(\.identity.label) == ["Storage/Orders"])
        let pipeline = try #require(inventory.pipelines.first)
        let table = try #require(pipeline.configuration.dynamoDBSources.first?.tables.first)
        #expect(table.tableARN.value == "arn:aws:dynamodb:us-east-1:123456789012:table/orders", "the import resolved to the exported ARN")
        #expect(inventory.table(arn: table.tableARN.value)?.identity.label == "Storage/Orders")

        let split = try TestStack.report([Self.storage, Self.ingestion])
        let whole = try PipelineStack.stack().report()
        #expect(split.checks.map(\.status) == whole.checks.map(\.status))
        #expect(split.checks.allSatisfy { $0.status == .pass || $0.status == .skipped }, "\(split.checks.map { "\($0.id.rawValue) \($0.status.rawValue): \($0.reason)" })")
        #expect(split.findings.map(\.id) == whole.findings.map(\.id))
    }

    /// Without the stack that exports them the imports stay symbolic, and what depends on them is
    /// unknown, never passed.
    @Test func withoutTheExportingStackImportsStayUnknown() throws {
        let alone = try TestStack.report([Self.ingestion])
        #expect(alone.check(.dynamoDBExport)?.status == .unknown)
        let inventory = try TestStack.inventory([Self.ingestion])
        #expect(inventory.roles.map(\.label) == ["PipelineRole"], "one stack: labels as they always were")
        #expect(inventory.pipelines.first?.configuration.dynamoDBSources.first?.tables.first?.tableARN.value
                == SymbolToken.make("ImportValue.\(SplitPipelineStack.tableARN)"))
    }

    /// An importer given before its exporter is loaded again once the export is known.
    @Test func theOrderOfTheTemplatesDoesNotMatter() throws {
        let report = try TestStack.report([Self.ingestion, Self.storage])
        #expect(report.checks.map(\.status) == (try TestStack.report([Self.storage, Self.ingestion])).checks.map(\.status))
        #expect(try TestStack.inventory([Self.ingestion, Self.storage]).stacks.map(\.name) == ["Ingestion", "Storage"])
    }

    /// Equal logical ids in two stacks are two resources: labels, policy ids and the tokens of
    /// generated names carry the stack.
    @Test func equalLogicalIdsStayDistinct() throws {
        let trust = TestPolicy.service("lambda.amazonaws.com")
        let first = TestStack(name: "cdk.out/Api.template.json").role("Role", trust: trust, policies: [TestPolicy([.allow(["s3:GetObject"], on: "*")], name: "Read")])
            .bucket("Bucket")
        let second = TestStack(name: "cdk.out/Worker.template.json").role("Role", trust: trust).bucket("Bucket")
        let inventory = try TestStack.inventory([first, second])
        #expect(inventory.roles.map(\.label) == ["Api/Role", "Worker/Role"])
        #expect(inventory.roles.map(\.arn) == [
            "arn:aws:iam::123456789012:role/" + SymbolToken.make("Ref.Api_Role"), "arn:aws:iam::123456789012:role/" + SymbolToken.make("Ref.Worker_Role"),
        ])
        #expect(inventory.roles.map(\.trust?.id) == ["Api/Role.AssumeRolePolicyDocument", "Worker/Role.AssumeRolePolicyDocument"])
        #expect(inventory.roles.first?.policies.map(\.policy.id) == ["Api/Role.Read"])
        #expect(inventory.buckets.map(\.identity.label) == ["Api/Bucket", "Worker/Bucket"])
        // A token names its stack's resource, so lookups find the right one.
        #expect(inventory.role(arn: SymbolToken.make("GetAtt.Worker_Role.Arn"))?.label == "Worker/Role")
        #expect(SymbolToken.referencedLogicalIds(in: inventory.buckets[1].identity.arn) == ["Worker/Bucket"])
    }

    /// A policy in one stack that lists another stack's role (CDK writes one for an imported,
    /// mutable role) attaches to it; a bare logical id names a principal only in its own stack.
    @Test func aPolicyAttachesToAnotherStacksRole() throws {
        let roles = TestStack(name: "Roles.template.json").role("Role", trust: .service("lambda.amazonaws.com"))
            .output("ExportsOutputRefRole1ABCC5F0", value: .ref("Role"), export: "Roles:ExportsOutputRefRole1ABCC5F0")
        let grants = try TestStack(name: "Grants.template.json")
            .policy("Grant", TestPolicy([.allow(["dynamodb:GetItem"], on: "*")], name: "Read"))
            .settingProperty("Roles", of: "Grant", to: .array([TestValue.importValue("Roles:ExportsOutputRefRole1ABCC5F0").json]))
            .policy("Stray", TestPolicy([.allow(["s3:*"], on: "*")], name: "Stray"))
            .settingProperty("Roles", of: "Stray", to: .array([.string("Role")]))
        let inventory = try TestStack.inventory([roles, grants])
        let role = try #require(inventory.roles.first)
        #expect(role.label == "Roles/Role")
        #expect(role.policies.map(\.policy.id) == ["Grants/Grant"], "the literal `Role` is a role named so, not this one")
        #expect(role.policies.first?.attachment == .policyResource(logicalId: "Grants/Grant"))
        #expect(role.policies.first?.location.file == "Grants.template.json")
    }

    /// Two stacks with the same file stem get distinct scopes.
    @Test func equalStackNamesAreNumbered() throws {
        let inventory = try TestStack.inventory([
            TestStack(name: "base/App.template.json").bucket("Bucket"), TestStack(name: "head/App.template.json").bucket("Bucket"),
        ])
        #expect(inventory.stacks.map(\.name) == ["App", "App-2"])
        #expect(inventory.buckets.map(\.identity.label) == ["App/Bucket", "App-2/Bucket"])
    }

    /// A name two stacks export cannot be told apart: its imports stay symbolic.
    @Test func anExportTwoStacksShareStaysSymbolic() throws {
        let other = TestStack(name: "Other.template.json").table("Orders", name: "other-orders")
            .output("ExportsOutputFnGetAttOrdersArn1A2B3C4D", value: .arn(of: "Orders"), export: SplitPipelineStack.tableARN)
        let inventory = try TestStack.inventory([Self.storage, other, Self.ingestion])
        #expect(inventory.pipelines.first?.configuration.dynamoDBSources.first?.tables.first?.tableARN.value
                == SymbolToken.make("ImportValue.\(SplitPipelineStack.tableARN)"))
    }

    /// Exports named with `${AWS::StackName}` resolve when the stack's name is known (a cloud
    /// assembly gives it); imports through `Fn::Sub` variables too.
    @Test func exportsNamedAfterTheirStack() throws {
        let exporter = TestStack(name: "Shared.template.json", context: TemplateContext(account: "123456789012", region: "us-east-1", stackName: "shared"))
            .table("Orders", name: "orders")
            .addingToSection("Outputs", "TableArn", .object([
                ("Value", TestValue.arn(of: "Orders").json),
                ("Export", .object([("Name", .object([("Fn::Sub", .string("${AWS::StackName}-TableArn"))]))])),
            ]))
        let importer = TestStack(name: "Reader.template.json")
            .role("Reader", trust: .service("lambda.amazonaws.com"), policies: [TestPolicy([.allow(["dynamodb:GetItem"], on: .importValue("shared-TableArn"))], name: "Read")])
        let inventory = try StackLoader.load(StackInput(templates: [exporter, importer].map { .bytes(Array($0.templateText.utf8), name: $0.name) },
                                                        context: exporter.context), catalogue: try ServiceCatalogue.embedded())
        let resource = inventory.roles.first?.policies.first?.policy.document.statements.first?.resource?.patterns.first?.text
        #expect(resource == "arn:aws:dynamodb:us-east-1:123456789012:table/orders")
    }

    /// The `AWS::StackName` of a stack among several is its own unknown.
    @Test func eachStackHasItsOwnName() throws {
        let template = try CloudFormationTemplate.load(text: #"{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "AWS::StackName"}}}}}"#,
                                                       file: "A.json", context: { var context = TemplateContext(); context.scope = "A"; return context }())
        #expect(template.resource("B")?.ref == SymbolToken.make("A_AWS.StackName"))
    }
}
