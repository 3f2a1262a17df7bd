import AccessInventory
import PipelineChecks
import TestSupport
import Testing

/// Cases from code review: each once gave a wrong pass, fail or unknown.
@Suite struct PipelineCheckEdgeTests {
    static let role = ReferenceStack.pipelineRole

    @Test func aBucketPolicyThatAdmitsOnlyTheAccountStillPasses() throws {
        let stack = try ReferenceStack.stack().addingBucketPolicyStatement(
            TestStatement.deny(["s3:*"], on: "*", when: [.stringNotEquals("aws:PrincipalAccount", "123456789012")]).by(.everyone).withSid("OnlyThisAccount"),
            to: ReferenceStack.exportBucket)
        #expect(try #require(try stack.report().check(.s3Export)).status == .pass)
    }

    @Test func aDenyThatHingesOnTheOrganizationIsUnknown() throws {
        let stack = try ReferenceStack.stack().addingBucketPolicyStatement(
            TestStatement.deny(["s3:*"], on: "*", when: [.stringNotEquals("aws:PrincipalOrgID", "o-abc123")]).by(.everyone).withSid("OnlyOurOrg"),
            to: ReferenceStack.exportBucket)
        let result = try #require(try stack.report().check(.s3Export))
        #expect(result.status == .unknown, "\(result.reason)")
        #expect(result.reason.contains("aws:PrincipalOrgID"))
    }

    @Test func everyRoleThePipelineNamesMustTrustTheService() throws {
        // The sink writes with the Lambda role, which trusts only lambda.amazonaws.com.
        let configuration = ReferenceStack.pipelineConfiguration.sinking(
            into: .domain(ReferenceStack.domain, index: "table-index", role: .arn(of: ReferenceStack.customResourceRole), region: "us-east-1"))
        let stack = try ReferenceStack.stack().settingPipelineConfiguration(of: ReferenceStack.pipeline, to: configuration)
        let result = try #require(try stack.report().check(.pipelineRoleTrust))
        #expect(result.status == .fail, "\(result.reason)")
        #expect(result.reason.contains(ReferenceStack.customResourceRole))
    }

    @Test func aSinkHostOutsideTheTemplateIsUnknown() throws {
        let configuration = ReferenceStack.pipelineConfiguration.sinking(
            into: .host("https://search-other-abc123.us-east-1.es.amazonaws.com", index: "table-index", role: .arn(of: Self.role), region: "us-east-1"))
        let result = try #require(try ReferenceStack.stack().withPipelineFile(configuration).report().check(.openSearchSink))
        #expect(result.status == .unknown)
        #expect(result.reason == "the domain at `https://search-other-abc123.us-east-1.es.amazonaws.com` is not in the inputs, so whether the sink's role may write to it is unknown "
            + "(a template that defines the domain, or `aws opensearch describe-domain`, would tell)")
    }

    @Test func fineGrainedAccessControlMakesTheSinkUnknown() throws {
        let stack = try ReferenceStack.stack().enablingFineGrainedAccessControl(on: ReferenceStack.domain, .internalUserDatabase)
        let result = try #require(try stack.report().check(.openSearchSink))
        #expect(result.status == .unknown)
        #expect(result.reason.contains("fine-grained access control"))
    }

    @Test func overPrivilegeCountsOnlyWhatTheBoundaryLeaves() throws {
        let stack = try ReferenceStack.stack().settingBoundary(of: Self.role, to: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
        let findings = try stack.report().findings.filter { $0.id.rawValue == "overprivilege.pipeline-role" }
        #expect(findings.contains { $0.message.hasPrefix("`AmazonDynamoDBFullAccess`") })
        #expect(!findings.contains { $0.message.hasPrefix("`AmazonS3FullAccess`") }, "the boundary allows no S3 action")
    }
}
