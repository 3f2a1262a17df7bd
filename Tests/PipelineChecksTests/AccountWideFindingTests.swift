import PipelineChecks
import ServiceCatalog
import TestSupport
import Testing

/// The findings `audit` adds for a whole account (`accountWide`): every role that trusts a service
/// without a source condition, every principal that may pass every role. A stack's `check` keeps to
/// the pipeline's roles.
@Suite struct AccountWideFindingTests {
    static func findings(_ stack: TestStack, accountWide: Bool) throws -> [Finding] {
        let catalogue = try ServiceCatalogue.embedded()
        return StackAnalyzer.analyze(try stack.inventory(), catalogue: catalogue, accountWide: accountWide).findings
    }

    static let guardedTrust = TestPolicy.service("codebuild.amazonaws.com", when: [.stringEquals("aws:SourceAccount", "123456789012")])

    @Test func passingEveryRoleIsAFindingOfTheAccount() throws {
        let stack = TestStack()
            .role("Deployer", trust: Self.guardedTrust, policies: [.allow(["iam:PassRole"], on: "*")])
            .role("Scoped", trust: Self.guardedTrust,
                  policies: [.allow(["iam:PassRole"], on: "*", when: [.stringEquals("iam:PassedToService", "lambda.amazonaws.com")])])
            .role("Admin", trust: Self.guardedTrust, policies: [.allow(["iam:*"], on: "*")])
            .role("Named", trust: Self.guardedTrust, policies: [.allow(["iam:PassRole"], on: .roleARN(named: "app-role"))])
        let findings = try Self.findings(stack, accountWide: true).filter { $0.id == .passRoleOnEveryRole }
        #expect(findings.map(\.resource) == ["Admin", "Deployer", "Scoped"])
        let deployer = try #require(findings.first { $0.resource == "Deployer" })
        #expect(deployer.severity == .securityWarning)
        #expect(deployer.message == "`Deployer.Policy1` lets `Deployer` pass every role of the account (`iam:PassRole` on `*`) to any service; list the roles it may pass in `Resource`")
        #expect(findings.first { $0.resource == "Admin" }?.message.contains("(`iam:*` on `*`)") == true)
        let scoped = try #require(findings.first { $0.resource == "Scoped" })
        #expect(scoped.severity == .warning)
        #expect(scoped.message.contains("to the services its `iam:PassedToService` condition names"))
        #expect(try Self.findings(stack, accountWide: false).allSatisfy { $0.id != .passRoleOnEveryRole }, "a stack's check keeps to the pipeline")
    }

    @Test func everyRoleTrustingAServiceWithoutASourceIsAFindingOfTheAccount() throws {
        let stack = TestStack()
            .role("Worker", trust: .service("lambda.amazonaws.com"))
            .role("Guarded", trust: .service("lambda.amazonaws.com", when: [.stringEquals("aws:SourceOrgID", "o-a1b2c3d4e5")]))
        let findings = try Self.findings(stack, accountWide: true).filter { $0.id == .trustWithoutSourceCondition }
        #expect(findings.map(\.resource) == ["Worker"])
        #expect(findings.first?.message == "`Worker` trusts `lambda.amazonaws.com` without an `aws:SourceAccount` or `aws:SourceArn` condition, so the service can be made to act with it for another account's resources (confused deputy)")
        #expect(try Self.findings(stack, accountWide: false).isEmpty)
    }
}
