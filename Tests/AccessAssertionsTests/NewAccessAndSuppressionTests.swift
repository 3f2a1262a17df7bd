import AccessAssertions
import PipelineChecks
import PolicyModel
import TestSupport
import Testing

/// `no-new-access` on a change, and `suppress` before and after its expiry.
@Suite struct NewAccessAndSuppressionTests {
    /// The head gives the pipeline role a second policy that deletes the table.
    static let widened = PipelineStack.stack(pipelineRolePolicies: [PipelineStack.pipelinePolicy, TestPolicy.allow(["dynamodb:DeleteTable"], on: .arn(of: "Orders")).named("Cleanup")])
    static let tableARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
    static let roleARN = "arn:aws:iam::123456789012:role/orders-pipeline-role"

    static let rules = "no-new-access:\n  - principal: PipelineRole\n  - policy: PipelineRole.Cleanup\n  - policy: PipelineRole.Pipeline\n"

    @Test func newAccessFailsNamingWhatIsGainedAndTheStatementsThatGrantIt() throws {
        let (_, assertions) = try AssertionFixture.diff(Self.rules, base: PipelineStack.stack(), head: Self.widened)
        let results = assertions.results
        #expect(results.map(\.status) == [.fail, .fail, .pass])
        #expect(results[0].title == "no-new-access: `PipelineRole`")
        #expect(results[0].reason == "the head grants `PipelineRole` what the base did not: can-act `\(Self.tableARN)`: `dynamodb:DeleteTable`")
        #expect(results[0].evidence.map(\.label).contains("PipelineRole.Cleanup statement 0"))
        // Through a policy: only its statements that grant a gained action.
        #expect(results[1].reason == "the head grants anyone through `PipelineRole.Cleanup` what the base did not: `\(Self.roleARN)` can-act `\(Self.tableARN)`: `dynamodb:DeleteTable`")
        #expect(results[1].evidence.map(\.label) == ["PipelineRole.Cleanup statement 0"])
        #expect(results[2].reason == "the head grants anyone through `PipelineRole.Pipeline` nothing the base did not")
        #expect(results[2].location == SourceLocation(file: "accessgraph.yaml", position: at(4, 5)))
    }

    @Test func noChangeIsNoNewAccess() throws {
        let (diff, assertions) = try AssertionFixture.diff("no-new-access:\n  - principal: PipelineRole\n", base: PipelineStack.stack(), head: PipelineStack.stack())
        #expect(diff.isEmpty)
        #expect(assertions.results.map(\.status) == [.pass])
        #expect(assertions.results.first?.reason == "the head grants `PipelineRole` nothing the base did not")
    }

    /// A principal only the base has (the head removed the policy it named) still resolves.
    @Test func aPolicyOnlyTheBaseHasResolves() throws {
        let (_, assertions) = try AssertionFixture.diff("no-new-access:\n  - policy: PipelineRole.Cleanup\n", base: Self.widened, head: PipelineStack.stack())
        #expect(assertions.results.map(\.status) == [.pass])
    }

    @Test func checkSaysNewAccessIsNotApplicable() throws {
        let (_, assertions) = try AssertionFixture.check("no-new-access:\n  - principal: PipelineRole\n", on: PipelineStack.stack())
        #expect(assertions.results.map(\.status) == [.notApplicable])
        #expect(assertions.results.first?.reason == "applies to `accessgraph diff`, which compares a change with its base; `check` has none")
        #expect(!assertions.isRefused(by: StackGate()))
    }

    // MARK: suppress

    /// A domain open to everyone without conditions or VPC: an error-level finding.
    static let openDomain = try? PipelineStack.stack().settingAccessPolicy(of: "Search", to: TestPolicy([
        TestStatement.allow(["es:ESHttp*"], on: [.regionalARN("es", "domain/orders-search/*")]).by(.everyone),
    ]))
    static let suppression = """
        suppress:
          - finding: domain.policy-open-to-everyone
            resource: Search
            reason: behind the VPN until the migration
            expires: 2027-01-31

        """

    @Test func beforeItsExpiryASuppressedFindingStaysButLeavesTheGate() throws {
        let stack = try #require(Self.openDomain)
        let unsuppressed = try stack.report()
        #expect(unsuppressed.isRefused(by: StackGate()))
        let (report, _) = try AssertionFixture.check(Self.suppression, on: stack, today: "2027-01-30")
        let finding = try #require(report.findings.first { $0.id == .domainPolicyOpenToEveryone })
        #expect(finding.suppression == FindingSuppression(reason: "behind the VPN until the migration", expires: "2027-01-31",
                                                          location: SourceLocation(file: "accessgraph.yaml", position: at(2, 5))))
        #expect(report.findings.count == unsuppressed.findings.count)
        #expect(!report.isRefused(by: StackGate()))
    }

    @Test func onItsExpiryDayTheSuppressionIsAFindingAndTheFindingCountsAgain() throws {
        let stack = try #require(Self.openDomain)
        let (report, _) = try AssertionFixture.check(Self.suppression, on: stack, today: "2027-01-31")
        #expect(report.findings.first { $0.id == .domainPolicyOpenToEveryone }?.suppression == nil)
        let expired = try #require(report.findings.first { $0.id == .expiredSuppression })
        #expect(expired.severity == .warning)
        #expect(expired.resource == "Search")
        #expect(expired.location == SourceLocation(file: "accessgraph.yaml", position: at(2, 5)))
        #expect(expired.message == "the suppression of `domain.policy-open-to-everyone` on `Search` expired on 2027-01-31 (it said: behind the VPN "
            + "until the migration); the finding counts again: renew the entry with a later date, or remove it")
        #expect(report.isRefused(by: StackGate()))
    }

    /// A suppression names a resource by ARN as well; it only touches its finding id.
    @Test func aSuppressionByARNTouchesOnlyItsFinding() throws {
        let stack = try #require(Self.openDomain)
        let yaml = Self.suppression.replacingOccurrences(of: "resource: Search", with: "resource: arn:aws:es:us-east-1:123456789012:domain/orders-search")
        let (report, _) = try AssertionFixture.check(yaml, on: stack, today: "2026-12-05")
        #expect(report.findings.filter { $0.suppression != nil }.map(\.id) == [.domainPolicyOpenToEveryone])
    }
}
