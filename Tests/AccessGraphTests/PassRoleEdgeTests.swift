import AccessGraph
import AccessInventory
import Testing

/// `can-pass-role`: `iam:PassRole` asked once for each service the role trusts, with
/// `iam:PassedToService` set to that service.
@Suite struct PassRoleEdgeTests {
    typealias Fixture = GraphFixture
    static let app = Fixture.roleARN("App")
    static let alice = Fixture.userARN("alice")

    func graph(alicePolicy statement: String) throws -> AccessGraph {
        let trust = try Fixture.policy("App.Trust",
            #"{"Sid": "Services", "Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "osis-pipelines.amazonaws.com"]}, "Action": "sts:AssumeRole"}"#)
        let alice = Fixture.user("alice", policies: [try Fixture.policy("alice.Pass", statement)])
        return try Fixture.build(Fixture.inventory(principals: [Fixture.role("App", trust: trust), alice]))
    }

    @Test func passingToTheServiceTheConditionNamesIsAnEdgeToThatService() throws {
        let graph = try graph(alicePolicy: #"""
        {"Sid": "PassToLambda", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/App", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}
        """#)
        let edge = try #require(graph.edges(.canPassRole, from: Self.alice, to: Self.app).only)
        #expect(edge.service == "lambda.amazonaws.com")
        #expect(edge.status == .allowed)
        #expect(edge.actions == ["iam:PassRole"])
        #expect(edge.reason == "allowed by the caller's identity-based policies")
        #expect(edge.evidence.map(\.description) == ["alice.Pass statement 0 (PassToLambda) at 2:3"])
    }

    @Test func aConditionNamingAServiceTheRoleDoesNotTrustIsNoEdge() throws {
        let graph = try graph(alicePolicy: #"""
        {"Sid": "PassToEC2", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}
        """#)
        #expect(graph.edges(.canPassRole, from: Self.alice, to: Self.app).isEmpty)
    }

    @Test func withoutAConditionTheRoleCanBePassedToEveryServiceItTrusts() throws {
        let graph = try graph(alicePolicy: #"{"Sid": "PassAny", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}"#)
        let edges = graph.edges(.canPassRole, from: Self.alice, to: Self.app)
        #expect(edges.map(\.service) == ["lambda.amazonaws.com", "osis-pipelines.amazonaws.com"])
        #expect(edges.allSatisfy { $0.evidence.map(\.description) == ["alice.Pass statement 0 (PassAny) at 2:3"] })
    }
}
