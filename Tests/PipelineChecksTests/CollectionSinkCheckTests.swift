import AccessInventory
import PipelineChecks
import PipelineRequirements
import PolicyModel
import TestSupport
import Testing

/// An OpenSearch Serverless collection in the template as the sink: IAM lets the role reach it,
/// and the collection's data access policy decides whether it may write the index.
@Suite struct CollectionSinkCheckTests {
    static let sink = CollectionStack.sink
    static let reachCollection = CollectionStack.reachCollection

    static func dataPolicy(_ permissions: String = CollectionStack.writes, on resource: String = "index/orders-logs/*") -> TestValue {
        CollectionStack.dataPolicy(permissions, on: resource)
    }

    static func stack(sink: TestPipeline.Sink = sink, data: TestValue? = dataPolicy(), policies: [TestPolicy] = [PipelineStack.pipelinePolicy, reachCollection]) -> TestStack {
        CollectionStack.stack(sink: sink, data: data, policies: policies)
    }

    @Test func theDataAccessPolicyDecidesTheSink() throws {
        let check = try #require(try Self.stack().report().check(.openSearchSink))
        #expect(check.status == .pass, "\(check.reason)")
        #expect(check.reason == "`PipelineRole` may reach collection `orders-logs` and its data access policy lets it write `index/orders-logs/orders`")
        let write = try #require(check.requests.first { $0.action == "aoss:WriteDocument" })
        #expect(write.resource == "index/orders-logs/orders")
        #expect(write.reason.hasPrefix("rule 0 of entry 0 of data access policy `LogsData` at stack.template.json:"))
        #expect(write.reason.hasSuffix(" grants `arn:aws:iam::123456789012:role/orders-pipeline-role` `aoss:WriteDocument` on `index/orders-logs/orders`"))

        let wildcards = try #require(try Self.stack(data: Self.dataPolicy(#"["aoss:*"]"#, on: "index/orders-*/*")).report().check(.openSearchSink))
        #expect(wildcards.status == .pass, "\(wildcards.reason)")
    }

    @Test func aPolicyThatDoesNotGrantWritingFailsTheSink() throws {
        let check = try #require(try Self.stack(data: Self.dataPolicy(#"["aoss:DescribeIndex","aoss:CreateIndex","aoss:UpdateIndex"]"#)).report().check(.openSearchSink))
        #expect(check.status == .fail)
        #expect(check.reason == "arn:aws:iam::123456789012:role/orders-pipeline-role needs `aoss:WriteDocument` on `index/orders-logs/orders`: ImplicitDeny — "
            + "no rule of the data access policies that cover collection `orders-logs` (`LogsData`) grants "
            + "`arn:aws:iam::123456789012:role/orders-pipeline-role` `aoss:WriteDocument` on `index/orders-logs/orders`")
    }

    /// Without a data access policy in the template, one outside it may grant the writes.
    @Test func withoutADataAccessPolicyTheSinkIsUnknownSayingWhy() throws {
        let check = try #require(try Self.stack(data: nil).report().check(.openSearchSink))
        #expect(check.status == .unknown)
        #expect(check.reason == "whether arn:aws:iam::123456789012:role/orders-pipeline-role may `aoss:CreateIndex` on `index/orders-logs/orders` is unknown: "
            + "no data access policy of the inputs covers collection `orders-logs`, so whether a data access policy outside "
            + "them grants `aoss:CreateIndex` on `index/orders-logs/orders` is unknown", "\(check.reason)")
    }

    /// `network_policy_name`: the pipeline manages the collection's network policy, so its role
    /// needs the security policy actions, scoped to the collection by `aoss:collection`.
    @Test func aNetworkPolicyNameNeedsTheSecurityPolicyActions() throws {
        let sink = Self.sink.withServerlessOptions(networkPolicyName: "orders-network")
        let check = try #require(try Self.stack(sink: sink).report().check(.openSearchSink))
        #expect(check.status == .fail)
        #expect(check.reason.hasPrefix("arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline needs `aoss:CreateSecurityPolicy` on `*`"))
        let security = TestPolicy.allow(["aoss:CreateSecurityPolicy", "aoss:GetSecurityPolicy", "aoss:UpdateSecurityPolicy"], on: "*",
                                        when: [.stringEquals("aoss:collection", "orders-logs")]).named("NetworkPolicy")
        let granted = try #require(try Self.stack(sink: sink, policies: [PipelineStack.pipelinePolicy, Self.reachCollection, security]).report().check(.openSearchSink))
        #expect(granted.status == .pass, "\(granted.reason)")
        #expect(granted.requests.first { $0.action == "aoss:GetSecurityPolicy" }?.requirement.context["aoss:collection"]?.values == ["orders-logs"])
    }

    @Test func aPublicNetworkPolicyIsAFinding() throws {
        let network = #"[{"Rules":[{"ResourceType":"collection","Resource":["collection/orders-*"]}],"AllowFromPublic":true}]"#
        let report = try Self.stack().serverlessPolicy("LogsNetwork", type: "network", name: "orders-network", policy: .text(network)).report()
        let findings = report.findings.filter { $0.id == .collectionPublicNetworkAccess }
        #expect(findings.map(\.message) == [
            "network policy `LogsNetwork` (entry 0) lets the internet reach collection `orders-logs` (`AllowFromPublic: true`); only IAM and its data access policies stand in the way",
        ])
        #expect(findings.first?.severity == .securityWarning)
        let privateNetwork = #"[{"Rules":[{"ResourceType":"collection","Resource":["collection/orders-logs"]}],"AllowFromPublic":false,"SourceVPCEs":["vpce-0abc"]}]"#
        let quiet = try Self.stack().serverlessPolicy("LogsNetwork", type: "network", name: "orders-network", policy: .text(privateNetwork)).report()
        #expect(!quiet.findings.contains { $0.id == .collectionPublicNetworkAccess })
    }

    @Test func theCollectionAndItsPoliciesAreInTheInventory() throws {
        let encryption = #"{"Rules":[{"ResourceType":"collection","Resource":["collection/orders-logs"]}],"AWSOwnedKey":true}"#
        let inventory = try Self.stack().serverlessPolicy("LogsKey", type: "encryption", name: "orders-key", policy: .text(encryption)).inventory()
        let collection = try #require(inventory.collections.first)
        #expect(collection.name == "orders-logs")
        #expect(collection.identity.arn == "arn:aws:aoss:us-east-1:123456789012:collection/" + SymbolToken.make("Ref.Logs"))
        #expect(collection.endpoint == "https://\(SymbolToken.make("Ref.Logs")).us-east-1.aoss.amazonaws.com")
        #expect(inventory.serverlessPolicies.map(\.type) == ["data", "encryption"])
        #expect(inventory.serverlessPolicies[1].entries(covering: "orders-logs").first?.awsOwnedKey == true)
        #expect(inventory.serverlessPolicies[0].entries.first?.principals == ["arn:aws:iam::123456789012:role/orders-pipeline-role"])
    }
}
