@testable import AccessGraph
import AccessInventory
import PolicyEvaluation
import PolicyModel
import Testing

/// Which principals are asked once for all: `classes(of:)` and `merged(_:for:)` compare
/// policies by id and content, not by the object that holds them.
@Suite struct PrincipalClassTests {
    static let trust = #"{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}"#
    static let assume = #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}"#
    static let read = #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#

    @Test func rolesSharingAPolicyHeldByTwoObjectsMergeForItsActions() throws {
        // A template's policy resource listing several roles gives each role its own object of
        // the same policy; each role also has an inline policy of its own.
        let trust = try GraphFixture.policy("Trust", Self.trust)
        let shared = { try GraphFixture.policy("SharedPolicy", Self.assume) }
        let first = GraphFixture.role("First", trust: trust, policies: [try shared(), try GraphFixture.policy("FirstOwn", Self.read)])
        let second = GraphFixture.role("Second", trust: trust, policies: [try shared(), try GraphFixture.policy("SecondOwn", Self.read)])
        let classes = PrincipalClass.classes(of: [first, second])
        #expect(classes.count == 2)
        let merged = PrincipalClass.merged(classes, for: ["sts:AssumeRole"])
        #expect(merged.map { $0.members.map(\.name) } == [["First", "Second"]])
        // For `s3:GetObject` their own policies differ: two classes.
        #expect(PrincipalClass.merged(classes, for: ["s3:GetObject"]).count == 2)
    }

    @Test func policiesWithOneIdButOtherContentDoNotMerge() throws {
        // Two stacks may each have a policy resource with the same logical id.
        let trust = try GraphFixture.policy("Trust", Self.trust)
        let first = GraphFixture.role("First", trust: trust, policies: [try GraphFixture.policy("Policy", Self.assume)])
        let second = GraphFixture.role("Second", trust: trust, policies: [
            try GraphFixture.policy("Policy", #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/app-*"}"#),
        ])
        let merged = PrincipalClass.merged(PrincipalClass.classes(of: [first, second]), for: ["sts:AssumeRole"])
        #expect(merged.map { $0.members.map(\.name) } == [["First"], ["Second"]])
    }

    @Test func aMergedClassAsksWithItsFirstMembersRequest() throws {
        let trust = try GraphFixture.policy("Trust", Self.trust)
        let policy = try GraphFixture.policy("Shared", Self.assume)
        let roles = try ["Zulu", "Alpha"].map { GraphFixture.role($0, trust: trust, policies: [policy, try GraphFixture.policy("\($0)Own", Self.read)]) }
        let merged = try #require(PrincipalClass.merged(PrincipalClass.classes(of: roles), for: ["sts:AssumeRole"]).first)
        #expect(merged.representative.name == "Alpha")
        let request = merged.request("sts:AssumeRole", on: GraphFixture.roleARN("Target"), context: ["iam:PassedToService": .single("x")])
        #expect(request == merged.representative.request("sts:AssumeRole", on: GraphFixture.roleARN("Target"), context: ["iam:PassedToService": .single("x")]))
    }
}
