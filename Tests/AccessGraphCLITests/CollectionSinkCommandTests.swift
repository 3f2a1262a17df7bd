import TestSupport
import Testing

/// `check` on a stack whose pipeline writes into an OpenSearch Serverless collection: the data
/// access policy decides `sink.opensearch`, and so the exit code.
@Suite struct CollectionSinkCommandTests {
    static let environment = ["--account", "123456789012", "--region", "us-east-1"]

    func check(_ stack: TestStack, _ options: [String] = []) throws -> CommandRun {
        let directory = try TemporaryDirectory()
        let file = try directory.write("stack.json", stack.templateText)
        return accessgraph(["check", "--template", file] + Self.environment + options)
    }

    @Test func aDataAccessPolicyThatGrantsTheWritesPasses() throws {
        let run = try check(CollectionStack.stack())
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("  ✓ sink.opensearch: `PipelineRole` may reach collection `orders-logs` and its data access policy lets it write `index/orders-logs/orders`"))
    }

    @Test func oneThatDoesNotFailsTheGate() throws {
        let run = try check(CollectionStack.stack(data: CollectionStack.dataPolicy(#"["aoss:DescribeIndex"]"#)))
        #expect(run.status == 3)
        #expect(run.stdout.contains("  ✗ sink.opensearch: arn:aws:iam::123456789012:role/orders-pipeline-role needs `aoss:CreateIndex` on `index/orders-logs/orders`"),
                "\(run.stdout)")
    }

    /// No data access policy in the template: unknown, which fails only with --fail-on-unknown.
    @Test func noneInTheTemplateIsUnknown() throws {
        let stack = CollectionStack.stack(data: nil)
        let run = try check(stack)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("no data access policy of the inputs covers collection `orders-logs`"))
        #expect(try check(stack, ["--fail-on-unknown"]).status == 3)
    }

    @Test func aPublicCollectionIsASecurityWarning() throws {
        let network = #"[{"Rules":[{"ResourceType":"collection","Resource":["collection/orders-logs"]}],"AllowFromPublic":true}]"#
        let stack = CollectionStack.stack().serverlessPolicy("LogsNetwork", type: "network", name: "orders-network", policy: .text(network))
        #expect(try check(stack).status == 0)
        let strict = try check(stack, ["--fail-on", "security-warning"])
        #expect(strict.status == 3)
        #expect(strict.stdout.contains("collection.public-network-access"))
    }

    /// `generate` writes no data access policy: it notes the entry to add, proves the rest with it
    /// in place, and exits 0; `graph` draws the collection.
    @Test func generateNotesTheDataAccessEntryAndGraphDrawsTheCollection() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("stack.json", CollectionStack.stack(data: nil).templateText)
        let generate = accessgraph(["generate", "--template", file, "--output", directory.path + "/policies"] + Self.environment)
        #expect(generate.status == 0, "\(generate.output)")
        #expect(generate.stdout.contains("note: collection `orders-logs`: its data access policies do not let the pipeline role write `index/orders-logs/*`; add this entry"),
                "\(generate.stdout)")
        let graph = accessgraph(["graph", "--template", file, "--to", "Logs", "--action", "aoss:APIAccessAll"] + Self.environment)
        #expect(graph.status == 0, "\(graph.output)")
        #expect(graph.stdout.contains("PipelineRole --can-act: aoss:APIAccessAll--> Logs"), "\(graph.stdout)")
    }
}
