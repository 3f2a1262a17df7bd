import AccessInventory
import PipelineChecks
import TestSupport
import Testing

/// `dashboards.cognito` runs for every domain that signs Dashboards users in with Cognito, with
/// or without a pipeline: guests switched on, an authenticated role whose trust lacks `aud` or
/// `amr`, and a guests' role that can reach the domain each fail, with a reason that says which.
@Suite struct DashboardsSignInTests {
    static let browse = TestPolicy.allow(["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"], on: .arn(of: "Search") + "/*")
        .named("Dashboards")

    /// A domain with Cognito sign-in and no pipeline: the pool's authenticated role may browse the
    /// domain, which has no access policy of its own.
    static func stack(
        domains: [String] = ["Search"], allowGuests: Bool = false, authenticatedTrust: TestPolicy = .cognito(pool: .ref("Pool")),
        guestPolicies: [TestPolicy]? = nil
    ) -> TestStack {
        var stack = TestStack()
            .role("UsersRole", name: "dashboards-users", trust: authenticatedTrust,
                  policies: [TestPolicy(domains.map { TestStatement.allow(["es:ESHttp*"], on: .arn(of: $0) + "/*") }, name: "Dashboards")])
            .identityPool("Pool", allowUnauthenticatedIdentities: allowGuests, authenticatedRole: "UsersRole", unauthenticatedRole: guestPolicies == nil ? nil : "GuestsRole")
        if let guestPolicies {
            stack = stack.role("GuestsRole", name: "dashboards-guests", trust: .cognito(pool: .ref("Pool"), authenticated: false), policies: guestPolicies)
        }
        for domain in domains {
            stack = stack.domain(domain, name: domain.lowercased(), cognitoIdentityPool: .ref("Pool"))
        }
        return stack
    }

    @Test func aDomainWithoutAPipelineIsChecked() throws {
        let report = try Self.stack().report()
        let check = try #require(report.check(.dashboardsCognito))
        #expect(check.status == .pass, "\(check.reason)")
        #expect(check.reason == "`UsersRole` is assumable only by authenticated identities of the pool, and the domain policy lets it in")
        #expect(check.subject == CheckSubject(kind: .domain, label: "Search", name: "search"))
        #expect(report.check(.pipelineRoleTrust)?.status == .skipped)
    }

    @Test func everyCognitoDomainGetsItsOwnCheck() throws {
        let report = try Self.stack(domains: ["Logs", "Search"]).report()
        let checks = report.checks.filter { $0.id == .dashboardsCognito }
        #expect(checks.map { "\($0.subject?.description ?? "-") \($0.status.rawValue)" } == ["Logs (logs) pass", "Search (search) pass"])
        #expect(checks.map { report.subjectLabel(of: $0) } == ["Logs (logs)", "Search (search)"])
    }

    @Test func guestsSwitchedOnFail() throws {
        let check = try #require(try Self.stack(allowGuests: true).report().check(.dashboardsCognito))
        #expect(check.status == .fail)
        #expect(check.reason == "identity pool `Pool` allows unauthenticated identities")
    }

    @Test func aTrustWithoutAmrLetsGuestsIn() throws {
        let trust = TestPolicy.assumable(by: .federated("cognito-identity.amazonaws.com"), action: "sts:AssumeRoleWithWebIdentity", when: [
            .stringEquals("cognito-identity.amazonaws.com:aud", .ref("Pool")),
        ])
        let check = try #require(try Self.stack(authenticatedTrust: trust).report().check(.dashboardsCognito))
        #expect(check.status == .fail)
        #expect(check.reason.hasPrefix("the trust policy of `UsersRole` lets the pool's unauthenticated identities assume it: it does not require "
            + "`cognito-identity.amazonaws.com:amr` to be `authenticated` (Allow — "), "\(check.reason)")
    }

    /// The pool's id is generated (a token), so other pools cannot be told apart by evaluation:
    /// the trust must pin `aud`.
    @Test func aTrustWithoutAudLetsOtherPoolsIn() throws {
        let trust = TestPolicy.assumable(by: .federated("cognito-identity.amazonaws.com"), action: "sts:AssumeRoleWithWebIdentity", when: [
            .forAnyValueStringLike("cognito-identity.amazonaws.com:amr", "authenticated"),
        ])
        let check = try #require(try Self.stack(authenticatedTrust: trust).report().check(.dashboardsCognito))
        #expect(check.status == .fail)
        #expect(check.reason == "the trust policy of `UsersRole` does not require `cognito-identity.amazonaws.com:aud` to be `us-east-1:⟦Ref.Pool⟧`, so identities of other pools can assume it")
    }

    @Test func aGuestsRoleThatReachesTheDomainFails() throws {
        let check = try #require(try Self.stack(guestPolicies: [Self.browse]).report().check(.dashboardsCognito))
        #expect(check.status == .fail)
        #expect(check.reason.hasPrefix("the unauthenticated role `arn:aws:iam::123456789012:role/dashboards-guests` of identity pool `Pool` may call `es:ESHttpGet` on `Search`, "
            + "so the pool's guests could reach Dashboards (Allow — "), "\(check.reason)")
        let harmless = try #require(try Self.stack(guestPolicies: [TestPolicy.allow(["cognito-identity:GetId"], on: "*")]).report().check(.dashboardsCognito))
        #expect(harmless.status == .pass, "\(harmless.reason)")
    }

    /// Roles attached to a pool this template does not define: guests switched on cannot be
    /// seen, and a missing authenticated role leaves the check unknown, saying what would tell.
    @Test func anAuthenticatedRoleOutsideTheInputsIsUnknown() throws {
        let stack = TestStack()
            .domain("Search", name: "search", cognitoIdentityPool: .text("us-east-1:11111111-2222-3333-4444-555555555555"))
        let check = try #require(try stack.report().check(.dashboardsCognito))
        #expect(check.status == .unknown)
        #expect(check.reason == "the authenticated role of identity pool `us-east-1:11111111-2222-3333-4444-555555555555` is not in the inputs, so who may sign in to `Search` is unknown "
            + "(a template or snapshot that attaches the pool's roles, `AWS::Cognito::IdentityPoolRoleAttachment` or `aws cognito-identity get-identity-pool-roles`, would tell)")
    }
}
