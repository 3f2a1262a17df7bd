import AccessAssertions
import PipelineChecks
import PolicyModel
import TestSupport
import Testing

/// `must-allow` and `must-not-allow`, decided by the evaluator on `PipelineStack`: each passing
/// and failing, with the reason and the deciding statements.
@Suite struct AccessRuleTests {
    static func result(_ yaml: String, on stack: TestStack = PipelineStack.stack()) throws -> AssertionResult {
        try #require(try AssertionFixture.check(yaml, on: stack).assertions.results.first)
    }

    static let tableARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
    static let session = "arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/assertion"

    @Test func mustAllowPassesNamingTheGrantingStatement() throws {
        let result = try Self.result("must-allow:\n  - principal: PipelineRole\n    actions: dynamodb:ExportTableToPointInTime\n    resource: Orders\n")
        #expect(result.status == .pass)
        #expect(result.title == "must-allow: `PipelineRole` may `dynamodb:ExportTableToPointInTime` on `Orders`")
        #expect(result.reason == "allowed by the caller's identity-based policies")
        #expect(result.evidence.map(\.label) == ["PipelineRole.Pipeline statement 0"])
        #expect(result.evidence.allSatisfy { $0.position.isKnown })
        #expect(result.location == SourceLocation(file: "accessgraph.yaml", position: at(2, 5)))
        #expect(result.requests.map(\.resource) == [Self.tableARN])
    }

    @Test func mustAllowFailsWithTheNearestMiss() throws {
        // The role's name, as the file may name it.
        let result = try Self.result("must-allow:\n  - principal: orders-pipeline-role\n    actions: [dynamodb:DeleteTable]\n    resource: Orders\n")
        #expect(result.status == .fail)
        #expect(result.reason == "\(Self.session) needs `dynamodb:DeleteTable` on `\(Self.tableARN)`: ImplicitDeny — no identity-based or resource-based "
            + "policy allows `dynamodb:DeleteTable` on `\(Self.tableARN)`; nearest: PipelineRole.Pipeline statement 0: `Action` `dynamodb:DescribeTable`, "
            + "`dynamodb:DescribeContinuousBackups`, `dynamodb:ExportTableToPointInTime` does not match `dynamodb:DeleteTable`")
        #expect(result.evidence.isEmpty)
    }

    @Test func mustNotAllowFailsNamingTheAllowingStatement() throws {
        // The role's ARN, as the file may name it.
        let result = try Self.result(
            "must-not-allow:\n  - principal: arn:aws:iam::123456789012:role/orders-pipeline-role\n    actions: [dynamodb:DescribeTable]\n    resource: Orders\n")
        #expect(result.status == .fail)
        #expect(result.reason == "\(Self.session) must not get `dynamodb:DescribeTable` on `\(Self.tableARN)`: Allow — allowed by the caller's identity-based policies")
        #expect(result.evidence.map(\.label) == ["PipelineRole.Pipeline statement 0"])
    }

    /// A pattern of actions on a pattern of resources: each resource is asked the actions of its
    /// type, here the table's delete actions.
    @Test func mustNotAllowPassesOverEveryMatchingResourceAndAction() throws {
        let result = try Self.result("must-not-allow:\n  - principal: PipelineRole\n    actions: [\"dynamodb:Delete*\"]\n    resource: \"*\"\n")
        #expect(result.status == .pass, "\(result.reason)")
        #expect(result.reason == "each of the \(result.requests.count) requests is refused")
        #expect(Set(result.requests.map(\.resource)) == [Self.tableARN])
        #expect(result.requests.map(\.action).contains("dynamodb:DeleteTable"))
        #expect(result.requests.allSatisfy { $0.action.hasPrefix("dynamodb:Delete") && $0.decision == .implicitDeny })
    }

    /// `Search/orders/_bulk` is a path below the domain; `es:ESHttp*` its six HTTP actions, each
    /// granted by the role's policy and the domain's access policy.
    @Test func aWildcardActionOnAPathBelowAResource() throws {
        let result = try Self.result("must-allow:\n  - principal: PipelineRole\n    actions: [\"es:ESHttp*\"]\n    resource: Search/orders/_bulk\n")
        #expect(result.status == .pass)
        #expect(result.requests.map(\.action) == ["es:ESHttpDelete", "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPatch", "es:ESHttpPost", "es:ESHttpPut"])
        #expect(Set(result.requests.map(\.resource)) == ["arn:aws:es:us-east-1:123456789012:domain/orders-search/orders/_bulk"])
        #expect(Set(result.evidence.map(\.label)) == ["Search.AccessPolicies statement 0", "PipelineRole.Pipeline statement 5"])
    }

    /// A service principal is asked with the resource's policy alone: the trust needs the
    /// `aws:SourceAccount` the file's context gives.
    @Test func aServicePrincipalWithAndWithoutContext() throws {
        let entry = "must-allow:\n  - principal: osis-pipelines.amazonaws.com\n    actions: [sts:AssumeRole]\n    resource: PipelineRole\n"
        let withContext = try Self.result(entry + "    context:\n      aws:SourceAccount: \"123456789012\"\n")
        #expect(withContext.status == .pass)
        #expect(withContext.reason == "allowed by the role trust policy, which names `osis-pipelines.amazonaws.com`")
        #expect(withContext.evidence.map(\.label) == ["PipelineRole.AssumeRolePolicyDocument statement 0"])
        #expect(withContext.title.hasSuffix(" with `aws:SourceAccount`=`123456789012`"))
        let without = try Self.result(entry)
        #expect(without.status == .fail)
        #expect(without.reason.hasSuffix("nearest: PipelineRole.AssumeRolePolicyDocument statement 0: `StringEquals` needs `aws:SourceAccount`, which the request does not have"))
    }

    @Test func aUserOfTheStack() throws {
        let stack = PipelineStack.stack().user("Auditor", name: "auditor", policies: [.allow(["dynamodb:DescribeTable"], on: .arn(of: "Orders"))])
        let result = try Self.result("must-allow:\n  - principal: Auditor\n    actions: [dynamodb:DescribeTable, dynamodb:Scan]\n    resource: Orders\n", on: stack)
        #expect(result.status == .fail)
        #expect(result.reason.hasPrefix("arn:aws:iam::123456789012:user/auditor needs `dynamodb:Scan` on `\(Self.tableARN)`: ImplicitDeny"), "\(result.reason)")
        #expect(result.reason.hasSuffix(" (1 of 2 requests)"))
    }

    /// The organization is not in a template, so a grant that depends on it is unknown, and says so.
    @Test func aDecisionTheInputsLeaveOpenIsUnknown() throws {
        let stack = PipelineStack.stack().role("Analyst", trust: .service("lambda.amazonaws.com"), policies: [
            .allow(["dynamodb:Query"], on: .arn(of: "Orders"), when: [.stringEquals("aws:PrincipalOrgID", "o-abc123")]),
        ])
        let result = try Self.result("must-allow:\n  - principal: Analyst\n    actions: [dynamodb:Query]\n    resource: Orders\n", on: stack)
        #expect(result.status == .unknown)
        #expect(result.reason.contains("aws:PrincipalOrgID"), "\(result.reason)")
        #expect(result.evidence.isEmpty || result.evidence.allSatisfy { $0.policy == "Analyst.Policy1" })
    }

    /// Whatever the stack does not have is refused before anything is decided, at its place.
    @Test func namesTheStackLacksArePositionedErrors() {
        let errors = AssertionFixture.errors("""
            must-allow:
              - principal: Nobody
                actions: [s3:GetObject, s3:Bogus, "s3:Zz*"]
                resource: Nowhere
                context:
                  aws:SecureTransport: maybe
            must-not-allow:
              - principal: PipelineRole
                actions: ["s3:*"]
                resource: Orders
              - principal: PipelineRole
                actions: [s3:GetObject]
                resource: "Zz*"
            no-new-access:
              - policy: Nope
              - principal: Nope
            no-public-access: [Nope]
            suppress:
              - finding: domain.policy-open-to-account
                resource: Nope
                reason: accepted
                expires: 2027-01-01
            """)
        #expect(errors == [
            "accessgraph.yaml:2:16: error[assertions.unknown-principal]: no principal `Nobody` in the stack",
            "accessgraph.yaml:3:29: error[assertions.unknown-action]: unknown action `s3:Bogus`",
            "accessgraph.yaml:3:39: error[assertions.unknown-action]: `s3:Zz*` matches no action",
            "accessgraph.yaml:4:15: error[assertions.unknown-resource]: no resource `Nowhere` in the stack",
            "accessgraph.yaml:6:28: error[assertions.invalid-context]: `maybe` is not a valid `aws:SecureTransport` value: the key is of type Bool",
            "accessgraph.yaml:8:5: error[assertions.asks-nothing]: no action of `s3:*` applies to the resources `Orders` names",
            "accessgraph.yaml:13:15: error[assertions.unknown-resource]: `Zz*` matches no resource of the stack",
            "accessgraph.yaml:15:13: error[assertions.unknown-policy]: no policy `Nope` in the stack",
            "accessgraph.yaml:16:16: error[assertions.unknown-principal]: no principal `Nope` in the stack",
            "accessgraph.yaml:17:20: error[assertions.unknown-resource]: no resource `Nope` in the stack",
            "accessgraph.yaml:20:15: error[assertions.unknown-resource]: no resource `Nope` in the stack",
        ])
    }
}
