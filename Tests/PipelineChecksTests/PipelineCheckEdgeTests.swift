import Foundation
import AccessInventory
import PipelineChecks
import Testing

/// Cases from code review: each once gave a wrong pass, fail or unknown.
@Suite struct PipelineCheckEdgeTests {
    static let role = "OpenSearchIngestionRoleZeroETLAAE46A77"

    func check(_ id: String, in report: StackReport) throws -> CheckResult {
        try #require(report.checks.first { $0.id.rawValue == id })
    }

    @Test func aBucketPolicyThatAdmitsOnlyTheAccountStillPasses() throws {
        var template = try ReferenceStack.json()
        edit(&template, ["Resources", "OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56", "Properties", "PolicyDocument", "Statement"]) { value in
            var statements = value as? [Any] ?? []
            statements.append(["Sid": "OnlyThisAccount", "Effect": "Deny", "Principal": ["AWS": "*"], "Action": "s3:*", "Resource": "*",
                               "Condition": ["StringNotEquals": ["aws:PrincipalAccount": "123456789012"]]])
            value = statements
        }
        #expect(try check("source.s3.export", in: try ReferenceStack.analyze(template)).status == .pass)
    }

    @Test func aDenyThatHingesOnTheOrganizationIsUnknown() throws {
        var template = try ReferenceStack.json()
        edit(&template, ["Resources", "OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56", "Properties", "PolicyDocument", "Statement"]) { value in
            var statements = value as? [Any] ?? []
            statements.append(["Sid": "OnlyOurOrg", "Effect": "Deny", "Principal": ["AWS": "*"], "Action": "s3:*", "Resource": "*",
                               "Condition": ["StringNotEquals": ["aws:PrincipalOrgID": "o-abc123"]]])
            value = statements
        }
        let result = try check("source.s3.export", in: try ReferenceStack.analyze(template))
        #expect(result.status == .unknown, "\(result.reason)")
        #expect(result.reason.contains("aws:PrincipalOrgID"))
    }

    @Test func everyRoleThePipelineNamesMustTrustTheService() throws {
        var template = try ReferenceStack.json()
        // The sink writes with the Lambda role, which trusts only lambda.amazonaws.com.
        edit(&template, ["Resources", "OpenSearchZeroETLPipeline", "Properties", "PipelineConfigurationBody", "Fn::Join"]) { value in
            guard var join = value as? [Any], var parts = join.last as? [Any] else { return }
            // The last role reference in the body is the sink's.
            if let index = parts.lastIndex(where: { ($0 as? [String: Any])?["Fn::GetAtt"] != nil && "\($0)".contains(Self.role) }) {
                parts[index] = ["Fn::GetAtt": ["AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2", "Arn"]]
            }
            join[join.count - 1] = parts
            value = join
        }
        let result = try check("trust.pipeline-role", in: try ReferenceStack.analyze(template))
        #expect(result.status == .fail, "\(result.reason)")
        #expect(result.reason.contains("AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2"))
    }

    @Test func aSinkHostOutsideTheTemplateIsUnknown() throws {
        let yaml = try ReferenceStack.pipelineYAML().replacingOccurrences(
            of: "https://{{GetAtt:ZeroETLDashboardDemoLC05C24EB.DomainEndpoint}}", with: "https://search-other-abc123.us-east-1.es.amazonaws.com")
        let result = try check("sink.opensearch", in: try ReferenceStack.analyze(try ReferenceStack.json(), pipelineYAML: yaml))
        #expect(result.status == .unknown)
        #expect(result.reason.contains("not a domain of this template"))
    }

    @Test func fineGrainedAccessControlMakesTheSinkUnknown() throws {
        var template = try ReferenceStack.json()
        set(&template, ["Resources", "ZeroETLDashboardDemoLC05C24EB", "Properties", "AdvancedSecurityOptions"],
            ["Enabled": true, "InternalUserDatabaseEnabled": true])
        let result = try check("sink.opensearch", in: try ReferenceStack.analyze(template))
        #expect(result.status == .unknown)
        #expect(result.reason.contains("fine-grained access control"))
    }

    @Test func overPrivilegeCountsOnlyWhatTheBoundaryLeaves() throws {
        var template = try ReferenceStack.json()
        set(&template, ["Resources", Self.role, "Properties", "PermissionsBoundary"], "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
        let findings = try ReferenceStack.analyze(template).findings.filter { $0.id.rawValue == "overprivilege.pipeline-role" }
        #expect(findings.contains { $0.message.hasPrefix("`AmazonDynamoDBFullAccess`") })
        #expect(!findings.contains { $0.message.hasPrefix("`AmazonS3FullAccess`") }, "the boundary allows no S3 action")
    }
}
