import AccessGraph
import AccessInventory
import Testing

/// Properties of the whole graph: no edge for refused access, every edge names statements of
/// the inputs, and the same inventory always gives the same graph.
@Suite struct AccessGraphBuilderTests {
    typealias Fixture = GraphFixture

    /// Every kind of edge, allowed and undetermined, and principals refused everything.
    static func mixedInventory() throws -> Inventory {
        let app = Fixture.role("App", trust: try Fixture.policy("App.Trust",
            #"{"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"]}, "Action": "sts:AssumeRole"}"#,
            #"{"Sid": "Pipeline", "Effect": "Allow", "Principal": {"Service": "osis-pipelines.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceArn": "arn:aws:osis:us-east-1:111122223333:pipeline/orders"}}}"#),
            policies: [try Fixture.policy("App.Access",
                #"{"Sid": "Read", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"}"#,
                #"{"Sid": "OrgOnly", "Effect": "Allow", "Action": "s3:GetBucketPolicy", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}"#)])
        let alice = Fixture.user("alice", groups: [(name: "Operators", policy: try Fixture.policy("Operators.Access",
            #"{"Sid": "AssumeAndPass", "Effect": "Allow", "Action": ["sts:AssumeRole", "iam:PassRole"], "Resource": "arn:aws:iam::111122223333:role/App"}"#,
            // With the pass above: a pipeline of hers runs as App (`osis.create-pipeline`).
            #"{"Sid": "CreatePipelines", "Effect": "Allow", "Action": "osis:CreatePipeline", "Resource": "*"}"#))])
        // Allowed everything, then denied everything: refused for certain.
        let mallory = Fixture.user("mallory", policies: [try Fixture.policy("mallory.Access",
            #"{"Sid": "Everything", "Effect": "Allow", "Action": "*", "Resource": "*"}"#,
            #"{"Sid": "Nothing", "Effect": "Deny", "Action": "*", "Resource": "*"}"#)])
        // No policy at all.
        let bob = Fixture.user("bob")
        return Fixture.inventory(principals: [app, alice, mallory, bob], tables: [Fixture.table()], buckets: [Fixture.bucket()])
    }

    @Test func refusedAccessHasNoEdge() throws {
        let graph = try Fixture.build(try Self.mixedInventory())
        let refused = [Fixture.userARN("mallory"), Fixture.userARN("bob")]
        #expect(!graph.edges.contains { refused.contains($0.from) || refused.contains($0.to) })
        // Refused principals are still nodes: the graph shows they reach nothing.
        #expect(refused.allSatisfy { id in graph.nodes.contains { $0.id == id } })
        #expect(Set(graph.edges.map(\.status)) == [.allowed, .undetermined])
    }

    @Test func everyEdgeNamesStatementsOfTheInputs() throws {
        let inventory = try Self.mixedInventory()
        let graph = try Fixture.build(inventory)
        let policyIds = Set(inventory.principals.flatMap { principal in principal.policies.map(\.policy.id) + [principal.trust?.id].compactMap { $0 } })
        #expect(Set(graph.edges.map(\.kind)) == Set(AccessGraph.EdgeKind.allCases))
        for edge in graph.edges {
            #expect(!edge.evidence.isEmpty, "\(edge.from) -\(edge.kind.rawValue)-> \(edge.to)")
            #expect(edge.evidence.allSatisfy { policyIds.contains($0.policy) }, "\(edge.evidence)")
        }
    }

    @Test func theSameInventoryGivesTheSameGraph() throws {
        var inventory = try Self.mixedInventory()
        let first = try Fixture.build(inventory)
        let second = try Fixture.build(inventory)
        #expect(first.nodes == second.nodes)
        #expect(first.edges == second.edges)
        // The order the source lists principals in does not matter either.
        inventory.principals.reverse()
        let reordered = try Fixture.build(inventory)
        #expect(reordered.nodes == first.nodes)
        #expect(reordered.edges == first.edges)
    }
}
