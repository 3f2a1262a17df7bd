import Foundation
import TestSupport
import Testing

/// `accessgraph diff --base B --head H`: what a change does to access, checks and findings.
@Suite struct DiffCommandTests {
    /// Writes both sides and runs `diff` with the stack's account and region.
    static func diff(_ base: TestStack, _ head: TestStack, _ extra: [String] = []) throws -> CommandRun {
        let directory = try TemporaryDirectory()
        let basePath = try directory.write("base.json", base.templateText)
        let headPath = try directory.write("head.json", head.templateText)
        return accessgraph(["diff", "--base", basePath, "--head", headPath, "--account", "123456789012", "--region", "us-east-1"] + extra)
    }

    @Test func aStackAgainstItselfIsEmptyAndPasses() throws {
        let run = try Self.diff(PipelineStack.stack(), PipelineStack.stack(), ["--fail-on", "new-access", "--fail-on", "new-finding", "--fail-on", "check-regression"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("\nNo change in access, checks or findings.\n"))
        #expect(run.stdout.hasSuffix("access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged\n"))
    }

    /// Another account in the trust: new access from that account, and the gate refuses it.
    @Test func wideningATrustPolicyIsNewAccess() throws {
        let head = try PipelineStack.stack().addingTrustStatement(.allowAssume(by: .aws("arn:aws:iam::444455556666:root")), to: "PipelineRole")
        let run = try Self.diff(PipelineStack.stack(), head, ["--fail-on", "new-access"])
        #expect(run.status == 3, "\(run.output)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let gained = try #require(lines.firstIndex(of: "Access gained"))
        #expect(lines[gained + 1] == "  arn:aws:iam::444455556666:root")
        #expect(lines[gained + 2] == "    + can-assume → arn:aws:iam::123456789012:role/orders-pipeline-role: sts:AssumeRole [undetermined]")
        #expect(lines[gained + 3].hasPrefix("      by PipelineRole.AssumeRolePolicyDocument statement 1 at "))
        // Without the condition nothing refuses it.
        #expect(try Self.diff(PipelineStack.stack(), head).status == 0)
    }

    /// A managed policy on the pipeline role: the actions it adds on the stack's resources, and
    /// the over-privilege finding it brings.
    @Test func addingAManagedPolicyIsNewAccessAndANewFinding() throws {
        let head = PipelineStack.stack().role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust,
                                              policies: [PipelineStack.pipelinePolicy], managedPolicies: [.awsManagedPolicy("AmazonDynamoDBFullAccess")])
        let run = try Self.diff(PipelineStack.stack(), head, ["--fail-on", "new-finding", "--format", "json"])
        #expect(run.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let gained = try #require(object["accessGained"] as? [[String: Any]])
        let table = try #require(gained.first { ($0["to"] as? String) == "arn:aws:dynamodb:us-east-1:123456789012:table/orders" })
        #expect((table["actions"] as? [String])?.contains("dynamodb:DeleteTable") == true)
        #expect(((table["evidence"] as? [[String: Any]])?.first?["policy"] as? String) == "AmazonDynamoDBFullAccess (AWS managed)")
        #expect((object["findingsAdded"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["overprivilege.pipeline-role"])
        #expect((object["accessLost"] as? [Any])?.isEmpty == true)
    }

    /// SARIF for code scanning: what the head brings is `new`, what it keeps `unchanged`, what it
    /// drops `absent`, each with a position-free fingerprint.
    @Test func sarifMarksResultsNewUnchangedAndAbsent() throws {
        let widened = PipelineStack.stack().role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust,
                                                 policies: [PipelineStack.pipelinePolicy], managedPolicies: [.awsManagedPolicy("AmazonDynamoDBFullAccess")])
        func results(_ base: TestStack, _ head: TestStack) throws -> [[String: Any]] {
            let run = try Self.diff(base, head, ["--format", "sarif", "--fail-on", "new-access"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return try #require(((object["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        }
        let added = try results(PipelineStack.stack(), widened)
        let states = added.map { "\($0["ruleId"] as? String ?? "?") \($0["baselineState"] as? String ?? "?") \($0["level"] as? String ?? "?")" }
        #expect(states.contains("overprivilege.pipeline-role new warning"), "\(states)")
        #expect(states.contains("access.gained new error"), "\(states)")
        #expect(added.allSatisfy { ($0["partialFingerprints"] as? [String: String])?["accessgraph/v1"]?.count == 16 })

        let removed = try results(widened, PipelineStack.stack())
        #expect(removed.map { "\($0["ruleId"] as? String ?? "?") \($0["baselineState"] as? String ?? "?")" } == ["overprivilege.pipeline-role absent"])
    }

    /// Without its stream statement the pipeline cannot read the stream: a check regression and
    /// lost access.
    @Test func removingTheStreamStatementIsACheckRegression() throws {
        let withoutStream = TestPolicy(Array(PipelineStack.pipelinePolicy.statements.filter { !$0.actions.contains("dynamodb:GetRecords") }), name: "Pipeline")
        let run = try Self.diff(PipelineStack.stack(), PipelineStack.stack(pipelineRolePolicies: [withoutStream]), ["--fail-on", "check-regression", "--format", "markdown"])
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stdout.hasPrefix("## AccessGraph diff\n\n**access gained: 0, lost: 1; checks changed: 1 (1 regression); findings: 0 new, 0 removed, 0 unchanged**\n"), "\(run.stdout)")
        #expect(run.stdout.contains("| `source.dynamodb.stream` (regression) | pass | fail | "))
        #expect(run.stdout.contains("| can-act | `arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*` | `dynamodb:DescribeStream`, `dynamodb:GetRecords`, `dynamodb:GetShardIterator` |"))
    }

    /// The same statements in an attached policy resource instead of inline: no access change.
    @Test func movingStatementsBetweenInlineAndAttachedIsNoChange() throws {
        let attached = PipelineStack.stack(pipelineRolePolicies: []).policy("PipelineAccess", PipelineStack.pipelinePolicy, roles: ["PipelineRole"])
        let run = try Self.diff(PipelineStack.stack(), attached, ["--fail-on", "new-access", "--fail-on", "check-regression"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("access gained: 0, lost: 0; checks changed: 0"), "\(run.stdout)")
    }

    @Test func aMissingSideIsBadInput() throws {
        let run = accessgraph(["diff", "--base", "/nonexistent/base.json", "--head", "/nonexistent/head.json"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("/nonexistent/base.json: error[io.not-found]"), "\(run.stderr)")
    }
}
