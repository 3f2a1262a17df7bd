import AccessInventory
import PolicyModel
import ServiceCatalog
import TestSupport
import Testing

/// `StackInput`: what `check --template … --pipeline …` loads.
@Suite struct StackInputTests {
    static let stack = TestStack()
        .role("PipelineRole", trust: .service("osis-pipelines.amazonaws.com"))
        .table("Orders")
        .pipeline("Pipeline", name: "orders-pipeline", role: .arn(of: "PipelineRole"),
                  configuration: TestPipeline(table: .arn(of: "Orders"), role: .arn(of: "PipelineRole"), sink: .host(otherDomain)), logging: true)
    /// A domain outside the template: the sink is not what these tests look at.
    static let otherDomain: TestValue = "https://search-orders-abc123.us-east-1.es.amazonaws.com"
    static let roleARN = "arn:aws:iam::123456789012:role/" + SymbolToken.make("Ref.PipelineRole")

    @Test func theTemplatesPipelineIsReadFromItsResource() throws {
        let pipeline = try #require(try Self.stack.inventory().pipelines.first)
        #expect(pipeline.identity?.label == "Pipeline")
        #expect(pipeline.identity?.arn == "arn:aws:osis:us-east-1:123456789012:pipeline/orders-pipeline")
        #expect(pipeline.roleARN?.value == Self.roleARN)
        #expect(pipeline.configuration.dynamoDBSources.first?.tables.first?.stream != nil)
        #expect(pipeline.configuration.dynamoDBSources.first?.tables.first?.tableARN.value == "arn:aws:dynamodb:us-east-1:123456789012:table/" + SymbolToken.make("Ref.Orders"))
        #expect(pipeline.publishesLogs == true)
    }

    /// The separate file replaces the configuration; what only the resource says stays.
    @Test func aSeparatePipelineReplacesTheTemplatesAndKeepsItsRole() throws {
        let separate = TestPipeline(table: .arn(of: "Orders"), stream: false, export: .bucket("exports", prefix: "ddb/"), sink: .host(Self.otherDomain))
        let inventory = try Self.stack.withPipelineFile(separate, name: "separate.yaml").inventory()
        #expect(inventory.pipelines.count == 1)
        let pipeline = try #require(inventory.pipelines.first)
        #expect(pipeline.configuration.file == "separate.yaml")
        #expect(pipeline.location.file == "separate.yaml")
        let table = try #require(pipeline.configuration.dynamoDBSources.first?.tables.first)
        #expect(table.stream == nil)
        #expect(table.export?.s3Bucket?.value == "exports")
        // Markers in the file become the template's tokens.
        #expect(table.tableARN.value == SymbolToken.make("GetAtt.Orders.Arn"))
        #expect(pipeline.identity?.label == "Pipeline")
        #expect(pipeline.roleARN?.value == Self.roleARN)
        #expect(pipeline.roleARNs == [Self.roleARN], "the file names no role, so the resource's is the pipeline's")
        #expect(pipeline.publishesLogs == true)
    }

    @Test func aPipelineFileWithoutATemplateStandsAlone() throws {
        let text = TestPipeline(table: "arn:aws:dynamodb:us-east-1:123456789012:table/orders", role: "arn:aws:iam::123456789012:role/pipeline",
                                sink: .host(Self.otherDomain)).fileText
        let input = StackInput(pipeline: .bytes(Array(text.utf8), name: "alone.yaml"))
        let inventory = try StackLoader.load(input, catalogue: try ServiceCatalogue.embedded())
        #expect(inventory.name == "alone.yaml")
        #expect(inventory.principals.isEmpty)
        let pipeline = try #require(inventory.pipelines.first)
        #expect(pipeline.identity == nil)
        #expect(pipeline.roleARN == nil)
        #expect(pipeline.roleARNs == ["arn:aws:iam::123456789012:role/pipeline"])
    }
}
