import AccessAssertions
import TestSupport
import Testing

/// `no-public-access`: a resource-based policy is public as S3 and Access Analyzer read it
/// (`PublicPolicy`: an Allow naming everyone without a condition pinning the caller).
@Suite struct PublicAccessTests {
    static func result(_ yaml: String, on stack: TestStack) throws -> AssertionResult {
        try #require(try AssertionFixture.check(yaml, on: stack).assertions.results.first)
    }

    static let everyoneReads = TestStatement.allow(["s3:GetObject"], on: [.arn(of: "Open") + "/*"]).by(.everyone)

    @Test func theLeastPrivilegeStackHasNoPublicPolicy() throws {
        let result = try Self.result("no-public-access: all\n", on: PipelineStack.stack())
        #expect(result.status == .pass)
        #expect(result.title == "no-public-access: every resource")
        // The domain's access policy and the role's trust policy.
        #expect(result.reason == "none of the 2 resource-based policies is public")
    }

    @Test func aBucketPolicyOpenToEveryoneFails() throws {
        let stack = PipelineStack.stack().bucket("Open", name: "open-bucket", policy: TestPolicy([Self.everyoneReads]))
        for yaml in ["no-public-access: all\n", "no-public-access: [Open]\n", "no-public-access: [\"arn:aws:s3:::open-*\"]\n"] {
            let result = try Self.result(yaml, on: stack)
            #expect(result.status == .fail, "\(yaml)")
            #expect(result.reason == "the bucket policy of `Open` is public: OpenPolicy statement 0 allows everyone (`*`) without a condition that pins "
                + "the caller's account, organization, network or source")
            #expect(result.evidence.map(\.label) == ["OpenPolicy statement 0"])
        }
        // Other resources stay closed.
        #expect(try Self.result("no-public-access: [Exports]\n", on: stack).reason == "`Exports` has no resource-based policy")
    }

    /// A condition that pins the caller to an account makes the same statement not public.
    @Test func aPinnedStatementIsNotPublic() throws {
        let pinned = TestStatement.allow(["s3:GetObject"], on: [.arn(of: "Open") + "/*"], when: [.stringEquals("aws:SourceAccount", .accountId)]).by(.everyone)
        let result = try Self.result("no-public-access: [Open]\n", on: PipelineStack.stack().bucket("Open", policy: TestPolicy([pinned])))
        #expect(result.status == .pass)
        #expect(result.reason == "the bucket policy of `Open` is not public")
    }

    /// Block Public Access's `RestrictPublicBuckets` keeps a public bucket policy to the account
    /// and AWS services, as the evaluator applies it: it passes, saying so.
    @Test func restrictPublicBucketsKeepsThePublicOut() throws {
        let stack = PipelineStack.stack().bucket("Open", policy: TestPolicy([Self.everyoneReads]), blockPublicAccess: true)
        let result = try Self.result("no-public-access: [Open]\n", on: stack)
        #expect(result.status == .pass)
        #expect(result.reason == "none of the 1 resources is public; the bucket policy of `Open` is public as written (OpenPolicy statement 0), "
            + "but the bucket's Block Public Access `RestrictPublicBuckets` lets in only AWS services and the bucket owner's account")
        #expect(result.evidence.map(\.label) == ["OpenPolicy statement 0"])
    }

    @Test func aDomainOpenToEveryoneFails() throws {
        let stack = try PipelineStack.stack().settingAccessPolicy(of: "Search", to: TestPolicy([
            TestStatement.allow(["es:ESHttp*"], on: [.regionalARN("es", "domain/orders-search/*")]).by(.everyone),
        ]))
        let result = try Self.result("no-public-access: all\n", on: stack)
        #expect(result.status == .fail)
        #expect(result.reason.hasPrefix("the access policy of `Search` is public: Search.AccessPolicies statement 0 allows everyone"), "\(result.reason)")
    }
}
