import AccessInventory
import PipelineChecks
import PolicyGeneration
import PolicyModel
import ServiceCatalog
import TestSupport
import Testing

/// The documents for the shapes a pipeline takes, each proven by the evaluator.
@Suite struct PolicyGeneratorTests {
    static let table = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
    static let domain = "arn:aws:es:us-east-1:123456789012:domain/orders-search"

    @Test func exportAndStreamGetTheirOwnStatementsScopedToTheirResources() throws {
        let (generated, summary, failures, _) = try GenerationFixture.generate(PipelineStack.stack())
        #expect(failures.isEmpty, "\(failures)")
        #expect(try GenerationFixture.patchedFailures(PipelineStack.stack(), generated).isEmpty)
        #expect(generated.outline("pipeline-role-policy") == [
            "DescribeAndExportTable: dynamodb:DescribeContinuousBackups,dynamodb:DescribeTable,dynamodb:ExportTableToPointInTime on \(Self.table)",
            "FollowTableExports: dynamodb:DescribeExport on \(Self.table)/export/*",
            "ReadTableStream: dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator on \(Self.table)/stream/*",
            "ExportFiles: s3:AbortMultipartUpload,s3:GetObject,s3:PutObject,s3:PutObjectAcl on arn:aws:s3:::orders-exports/ddb/*",
            "DescribeDomain: es:DescribeDomain on \(Self.domain)",
            "WriteToDomain: es:ESHttpGet,es:ESHttpHead,es:ESHttpPost,es:ESHttpPut on \(Self.domain)/*",
        ])
        // Each statement says which requests it serves, with their AWS page.
        let export = try #require(generated.policy(named: "pipeline-role-policy")?.statements.first)
        #expect(export.serves.map(\.purpose) == ["read the table's settings", "check point-in-time recovery", "export the table to S3", "read the table's settings"])
        #expect(Set(export.serves.map(\.documentation)) == ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/configure-client-ddb.html"])
        #expect(generated.policies.map(\.name) == ["pipeline-role-policy", "pipeline-role-trust", "domain-access-policy", "bucket-policy", "deployer-policy"])
        #expect(summary.requestsRefused == 1, "the bucket refuses requests without TLS")
        #expect(summary.checks.map(\.status) == [.pass, .pass, .pass, .pass, .pass, .skipped])
    }

    /// A role with a full-access managed policy: the patched template drops it for the generated
    /// policy, and the over-privilege finding goes with it.
    @Test func thePatchedTemplateDropsFullAccessPolicies() throws {
        let stack = PipelineStack.stack().role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust,
                                               policies: [PipelineStack.pipelinePolicy], managedPolicies: [.awsManagedPolicy("AmazonS3FullAccess")])
        let (generated, _, failures, inventory) = try GenerationFixture.generate(stack)
        #expect(failures.isEmpty, "\(failures)")
        let before = GenerationProof.checksPass(generated, on: inventory, catalogue: try ServiceCatalogue.embedded()).1.map(\.description)
        #expect(before.contains { $0.hasPrefix("finding `overprivilege.pipeline-role` on `PipelineRole`: `AmazonS3FullAccess` grants") }, "\(before)")
        #expect(try GenerationFixture.patchedFailures(stack, generated).isEmpty)
    }

    @Test func theTrustNamesThisAccountAndThisPipeline() throws {
        let (generated, _, failures, _) = try GenerationFixture.generate(PipelineStack.stack())
        #expect(failures.isEmpty, "\(failures)")
        let trust = try #require(generated.policy(named: "pipeline-role-trust")?.statements.first)
        #expect(trust.principal == .service("osis-pipelines.amazonaws.com"))
        #expect(trust.conditions == [
            GeneratedStatement.Condition("StringEquals", "aws:SourceAccount", ["123456789012"]),
            GeneratedStatement.Condition("ArnLike", "aws:SourceArn", ["arn:aws:osis:us-east-1:123456789012:pipeline/zero-etl-pipeline"]),
        ])
    }

    /// A pipeline whose name is not known before deployment (a parameter): the trust admits the
    /// account's pipelines in the region, and the deployer may update any of them.
    @Test func aPipelineWhoseNameIsUnknownIsTrustedAsTheAccountsPipelines() throws {
        let stack = PipelineStack.stack()
            .parameter("PipelineNameParam")
            .pipeline("Pipeline", name: .ref("PipelineNameParam"), role: .arn(of: "PipelineRole"), configuration: PipelineStack.configuration, logging: true)
        let (generated, _, failures, _) = try GenerationFixture.generate(stack)
        #expect(failures.isEmpty, "\(failures)")
        #expect(try GenerationFixture.patchedFailures(stack, generated).isEmpty)
        let trust = try #require(generated.policy(named: "pipeline-role-trust")?.statements.first)
        #expect(trust.conditions.last?.values == ["arn:aws:osis:us-east-1:123456789012:pipeline/*"])
        #expect(generated.outline("deployer-policy").contains("UpdatePipeline: osis:UpdatePipeline on arn:aws:osis:us-east-1:123456789012:pipeline/*"))
    }

    @Test func exportOnlyGrantsNoStream() throws {
        let stack = PipelineStack.stack(configuration: PipelineStack.configuration.exportingOnly())
        let (generated, _, failures, _) = try GenerationFixture.generate(stack)
        #expect(failures.isEmpty, "\(failures)")
        #expect(try GenerationFixture.patchedFailures(stack, generated).isEmpty)
        #expect(!generated.outline("pipeline-role-policy").contains { $0.contains("stream") })
        #expect(generated.outline("pipeline-role-policy").first == "DescribeAndExportTable: dynamodb:DescribeContinuousBackups,dynamodb:DescribeTable,dynamodb:ExportTableToPointInTime on \(Self.table)")
    }

    @Test func streamOnlyGrantsNoExportAndNoBucket() throws {
        let configuration = TestPipeline(table: .arn(of: "Orders"), role: .arn(of: "PipelineRole"), sink: .domain("Search", role: .arn(of: "PipelineRole")))
        let (generated, _, failures, _) = try GenerationFixture.generate(PipelineStack.stack(configuration: configuration))
        #expect(failures.isEmpty, "\(failures)")
        #expect(try GenerationFixture.patchedFailures(PipelineStack.stack(configuration: configuration), generated).isEmpty)
        #expect(generated.outline("pipeline-role-policy").prefix(2) == [
            "DescribeTable: dynamodb:DescribeTable on \(Self.table)",
            "ReadTableStream: dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator on \(Self.table)/stream/*",
        ])
        #expect(generated.policy(named: "bucket-policy") == nil)
    }

    /// A customer managed key on the export bucket: the role may use exactly that key.
    @Test func aCustomerManagedKeyOnTheBucketIsGrantedOnItsARN() throws {
        let stack = try PipelineStack.stack()
            .key("ExportKey", policy: TestPolicy([TestStatement.allow(["kms:*"], on: "*").by(.aws(.accountRoot))]))
            .encryptingBucket("Exports", with: .arn(of: "ExportKey"))
        let (generated, _, failures, _) = try GenerationFixture.generate(stack)
        #expect(failures.isEmpty, "\(failures)")
        #expect(try GenerationFixture.patchedFailures(stack, generated).isEmpty)
        let key = try #require(generated.policy(named: "pipeline-role-policy")?.statements.first { $0.sid == "ExportFilesKey" })
        #expect(key.actions == ["kms:Decrypt", "kms:GenerateDataKey"])
        #expect(key.resources.count == 1)
        #expect(key.resources.first?.contains(":key/") == true, "\(key.resources)")
    }

    /// A table encrypted with a customer managed key: export and stream both decrypt with it.
    @Test func aCustomerManagedKeyOnTheTableIsGrantedOnItsARN() throws {
        let stack = PipelineStack.stack()
            .key("TableKey", policy: TestPolicy([TestStatement.allow(["kms:*"], on: "*").by(.aws(.accountRoot))]))
            .table("Orders", name: "orders", pointInTimeRecovery: true, stream: .newImage, key: .arn(of: "TableKey"))
        let (generated, _, failures, _) = try GenerationFixture.generate(stack)
        #expect(failures.isEmpty, "\(failures)")
        #expect(try GenerationFixture.patchedFailures(stack, generated).isEmpty)
        let key = try #require(generated.policy(named: "pipeline-role-policy")?.statements.first { $0.sid == "TableKey" })
        #expect(key.actions == ["kms:Decrypt"])
        #expect(key.serves.map(\.area) == [.dynamoDBExport, .dynamoDBStream])
        #expect(key.resources.first?.contains(":key/") == true, "\(key.resources)")
    }

    /// Fine-grained access control maps roles inside the domain: the README says what to do and
    /// the sink check may stay unknown.
    @Test func fineGrainedAccessControlIsANoteAndLeavesTheSinkOpen() throws {
        let stack = try PipelineStack.stack().enablingFineGrainedAccessControl(on: "Search", .internalUserDatabase)
        let (generated, summary, failures, _) = try GenerationFixture.generate(stack)
        #expect(failures.isEmpty, "\(failures)")
        #expect(try GenerationFixture.patchedFailures(stack, generated).isEmpty)
        #expect(generated.notes.contains { $0.hasPrefix("`Search` uses fine-grained access control: map `PipelineRole` to a backend role") })
        #expect(generated.checksLeftUnknown == [.openSearchSink])
        #expect(summary.checks.first { $0.id == .openSearchSink }?.status == .unknown)
    }

    /// A Serverless collection outside the template: the role may reach the collection; the data
    /// access policy it also needs is a note, and the sink check stays unknown.
    @Test func aServerlessCollectionGetsItsIAMSideAndANoteForItsDataAccessPolicy() throws {
        let configuration = PipelineStack.configuration.sinking(into: .collection("https://abc123def456.us-east-1.aoss.amazonaws.com", role: .arn(of: "PipelineRole")))
        let (generated, summary, failures, _) = try GenerationFixture.generate(PipelineStack.stack(configuration: configuration))
        #expect(failures.isEmpty, "\(failures)")
        #expect(try GenerationFixture.patchedFailures(PipelineStack.stack(configuration: configuration), generated).isEmpty)
        #expect(generated.outline("pipeline-role-policy").last == "UseCollection: aoss:APIAccessAll,aoss:BatchGetCollection on arn:aws:aoss:us-east-1:123456789012:collection/abc123def456")
        #expect(generated.notes.contains { $0.hasPrefix("`sink`: whether the data access policy of collection `https://abc123def456.us-east-1.aoss.amazonaws.com` lets the pipeline role write is unknown: ") })
        #expect(generated.checksLeftUnknown == [.openSearchSink])
        #expect(summary.checks.first { $0.id == .openSearchSink }?.status == .unknown)
        #expect(generated.policy(named: "domain-access-policy") == nil)
    }

    /// A collection of the template whose data access policy does not let the role write: the
    /// entry to add is a note, which the proof puts in place; no IAM document grants a data
    /// permission, and the security policy statement is scoped to the collection.
    @Test func aCollectionsMissingDataAccessIsANoteTheProofHolds() throws {
        let sink = CollectionStack.sink.withServerlessOptions(networkPolicyName: "orders-network")
        let stack = CollectionStack.stack(sink: sink, data: CollectionStack.dataPolicy(#"["aoss:DescribeIndex"]"#))
        let (generated, summary, failures, _) = try GenerationFixture.generate(stack)
        #expect(failures.isEmpty, "\(failures)")
        #expect(summary.checks.first { $0.id == .openSearchSink }?.status == .pass)
        let role = "arn:aws:iam::123456789012:role/orders-pipeline-role"
        #expect(generated.notes.contains("collection `orders-logs`: its data access policies do not let the pipeline role write `index/orders-logs/*`; "
            + "add this entry to one (an `AWS::OpenSearchServerless::AccessPolicy` of `Type` `data`): "
            + #"[{"Rules":[{"ResourceType":"index","Resource":["index/orders-logs/*"],"Permission":["aoss:CreateIndex","aoss:UpdateIndex","aoss:DescribeIndex","aoss:WriteDocument"]}],"#
            + #""Principal":[""# + role + #""],"Description":"OpenSearch Ingestion pipeline writes"}]"#), "\(generated.notes)")
        let outline = generated.outline("pipeline-role-policy")
        #expect(!outline.contains { $0.contains("aoss:WriteDocument") }, "\(outline)")
        let document = try #require(generated.policy(named: "pipeline-role-policy"))
        let security = try #require(document.statements.first { $0.actions.contains("aoss:CreateSecurityPolicy") })
        #expect(security.resources == ["*"])
        #expect(security.conditions == [GeneratedStatement.Condition("StringEquals", "aoss:collection", ["orders-logs"])])
    }

    /// Logs are delivered by whoever creates the pipeline, so log delivery is the deployer's.
    @Test func theDeployerPassesOnlyThePipelineRoleToOpenSearchIngestion() throws {
        let (generated, _, failures, _) = try GenerationFixture.generate(PipelineStack.stack())
        #expect(failures.isEmpty, "\(failures)")
        #expect(generated.outline("deployer-policy") == [
            "CreateAndValidatePipelines: osis:CreatePipeline,osis:ValidatePipeline on *",
            "UpdatePipeline: osis:UpdatePipeline on arn:aws:osis:us-east-1:123456789012:pipeline/zero-etl-pipeline",
            "PassPipelineRoleToOpenSearchIngestion: iam:PassRole on arn:aws:iam::123456789012:role/orders-pipeline-role",
            "DeliverPipelineLogs: logs:CreateLogDelivery,logs:DescribeLogGroups,logs:DescribeResourcePolicies,logs:PutResourcePolicy on *",
        ])
        let pass = try #require(generated.policy(named: "deployer-policy")?.statements[2])
        #expect(pass.conditions == [GeneratedStatement.Condition("StringEquals", "iam:PassedToService", ["osis-pipelines.amazonaws.com"])])
    }

    /// A pipeline file on its own: its roles, bucket and table are only named, so the documents
    /// are written for them and the README says what to attach by hand.
    @Test func aPipelineWithoutItsResourcesStillGetsProvenDocuments() throws {
        let pipeline = TestPipeline(
            table: "arn:aws:dynamodb:us-east-1:123456789012:table/orders", export: .bucket("orders-exports", prefix: "ddb/"),
            role: "arn:aws:iam::123456789012:role/pipeline", sink: .host("https://search-orders-abc123.us-east-1.es.amazonaws.com"))
        var input = StackInput(pipeline: .bytes(Array(pipeline.fileText.utf8), name: "pipeline.yaml"))
        input.context.account = "123456789012"
        let inventory = try StackLoader.load(input, catalogue: try ServiceCatalogue.embedded())
        let generated = try PolicyGenerator.generate(inventory, stackName: "pipeline")
        let failures = try GenerationFixture.prove(generated, inventory)
        #expect(failures.isEmpty, "\(failures)")
        #expect(generated.policies.map(\.name) == ["pipeline-role-policy", "pipeline-role-trust", "bucket-policy", "deployer-policy"])
        #expect(generated.notes.contains("role `arn:aws:iam::123456789012:role/pipeline` is not in the inputs: attach the documents generated for it by hand; until then the checks that need its policies stay `unknown`"))
        #expect(generated.notes.contains { $0.hasPrefix("`sink`: no documents are generated for it: the domain at `") })
        #expect(generated.checksLeftUnknown == [.pipelineRoleTrust, .dynamoDBExport, .dynamoDBStream, .s3Export, .openSearchSink])
        // No pipeline resource names the pipeline: the trust admits the account's pipelines, and
        // the deployer may update any of them.
        let trust = try #require(generated.policy(named: "pipeline-role-trust")?.statements.first)
        #expect(trust.conditions.last?.values == ["arn:aws:osis:\u{27E6}AWS.Region\u{27E7}:123456789012:pipeline/*"])
        #expect(generated.outline("deployer-policy").contains("UpdatePipeline: osis:UpdatePipeline on arn:aws:osis:\u{27E6}AWS.Region\u{27E7}:123456789012:pipeline/*"))
    }

    /// A pipeline role another stack exports (`Fn::ImportValue`), as CDK apps that keep IAM in a
    /// stack of its own write it: its whole ARN is one token, yet the documents are proven for
    /// it (its sessions are sessions of the role that token names), and the written documents
    /// name it by the same import.
    @Test func aPipelineRoleImportedFromAnotherStackGetsProvenDocuments() throws {
        let role = TestValue.importValue("IamStack:PipelineRoleArn")
        let configuration = TestPipeline(table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/"), role: role,
                                         sink: .domain("Search", role: role))
        let stack = TestStack()
            .table("Orders", name: "orders", pointInTimeRecovery: true, stream: .newImage)
            .bucket("Exports", name: "orders-exports", blockPublicAccess: true)
            .domain("Search", name: "orders-search", accessPolicy: TestPolicy([
                TestStatement.allow(["es:DescribeDomain", "es:ESHttp*"], on: [.regionalARN("es", "domain/orders-search"), .regionalARN("es", "domain/orders-search/*")])
                    .by(.aws(role)),
            ]))
            .pipeline("Pipeline", role: role, configuration: configuration, logging: true)
        let (generated, summary, failures, _) = try GenerationFixture.generate(stack)
        #expect(failures.isEmpty, "\(failures)")
        #expect(summary.requestsAllowed > 0)
        #expect(generated.policies.map(\.name) == ["pipeline-role-policy", "pipeline-role-trust", "domain-access-policy", "bucket-policy", "deployer-policy"])
        #expect(generated.notes.contains { $0 == "role `\u{27E6}ImportValue.IamStack.PipelineRoleArn\u{27E7}` (imported from export `IamStack:PipelineRoleArn`) is not in the inputs: attach the documents generated for it by hand; until then the checks that need its policies stay `unknown`" }, "\(generated.notes)")
        // The documents name the role by the same import, which CloudFormation writes back.
        let grantee = try #require(generated.policy(named: "domain-access-policy")?.statements.first?.principal)
        #expect(grantee.kind == "AWS")
        let arn = try #require(grantee.values.first)
        #expect(try generated.cloudFormationValue(arn).renderedCompact() == #"{"Fn::ImportValue":"IamStack:PipelineRoleArn"}"#)
        // The patched template proves the documents that live in it; the role's own policies
        // are in the other stack, so the checks that need them stay unknown, as the note says.
        let patched = try GenerationFixture.patchedFailures(stack, generated)
        #expect(patched.isEmpty, "\(patched)")
    }

    @Test func aPipelineThatCannotWorkIsBadInput() throws {
        let configuration = TestPipeline(table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/"), sink: .domain("Search"))
        let stack = PipelineStack.stack(configuration: configuration, pipelineRole: nil)
        #expect(throws: DiagnosticError.self) { try GenerationFixture.generate(stack) }
        do {
            _ = try GenerationFixture.generate(stack)
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.code == "generate.pipeline-problem")
            #expect(error.diagnostics.first?.message == "trust: the pipeline names no role (`aws.sts_role_arn` or `PipelineRoleArn`)")
        }
    }
}
