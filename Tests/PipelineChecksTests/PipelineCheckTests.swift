import Foundation
import PolicyModel
import AccessInventory
import PipelineChecks
import Testing

@Suite struct ReferenceStackTests {
    @Test func theReferenceStackWorksAndIsOverPrivileged() throws {
        let report = try ReferenceStack.analyze(try ReferenceStack.json())
        #expect(report.checks.map(\.id.rawValue) == ["trust.pipeline-role", "source.dynamodb.export", "source.dynamodb.stream", "source.s3.export", "sink.opensearch", "dashboards.cognito"])
        for check in report.checks {
            #expect(check.status == .pass, "\(check.id): \(check.reason)")
            #expect(!check.requests.isEmpty)
        }
        let overPrivilege = report.findings.filter { $0.id.rawValue == "overprivilege.pipeline-role" }
        for name in ["AmazonDynamoDBFullAccess", "AmazonOpenSearchServiceFullAccess", "AmazonS3FullAccess", "AmazonOpenSearchIngestionFullAccess"] {
            #expect(overPrivilege.contains { $0.message.hasPrefix("`\(name)` grants") }, "no over-privilege finding names \(name)")
        }
        let s3 = try #require(overPrivilege.first { $0.message.hasPrefix("`AmazonS3FullAccess`") })
        #expect(s3.message.contains("permissions management"))
        #expect(s3.location?.position.line ?? 0 > 0)
        #expect(report.findings.contains { $0.id.rawValue == "trust.no-source-condition" && $0.resource == "OpenSearchIngestionRoleZeroETLAAE46A77" })
        #expect(report.findings.contains { $0.id.rawValue == "trust.extra-service-principal" && $0.message.contains("opensearchservice.amazonaws.com") })
        #expect(report.findings.contains { $0.id.rawValue == "domain.policy-open-to-account" && $0.message.contains("arn:aws:iam::123456789012:root") })
        #expect(report.findings.contains { $0.id.rawValue == "iam.es-star-on-star" })
        #expect(report.findings.contains { $0.id.rawValue == "domain.https-not-enforced" })
        #expect(!report.gateFails(failOn: .error))
        #expect(report.gateFails(failOn: .securityWarning))
    }

    @Test func aSeparatePipelineFileGivesTheSameAnswers() throws {
        let report = try ReferenceStack.analyze(try ReferenceStack.json(), pipelineYAML: try ReferenceStack.pipelineYAML())
        for check in report.checks { #expect(check.status == .pass, "\(check.id): \(check.reason)") }
    }
}

/// Variants of the reference stack, each broken in one place a policy or setting can live, with the
/// exact check that must fail and why.
@Suite struct PipelineCheckFailureTests {
    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        var check: String
        var status: CheckStatus
        var reason: String
        /// Other checks the same break fails too.
        var alsoFails: [String] = []
        var mutate: @Sendable (inout [String: Any]) -> Void
        var testDescription: String { name }
    }

    static let role = "OpenSearchIngestionRoleZeroETLAAE46A77"
    /// The checks that run as the pipeline role.
    static let roleChecks = ["source.dynamodb.export", "source.dynamodb.stream", "source.s3.export", "sink.opensearch"]
    static func extraPolicyResource() -> [String: Any] { ["Type": "AWS::IAM::Policy", "Properties": [
        "PolicyName": "Extra", "Roles": [["Ref": role]],
        "PolicyDocument": ["Version": "2012-10-17", "Statement": [["Sid": "NoWrites", "Effect": "Deny", "Action": "es:ESHttp*", "Resource": "*"]]],
    ] as [String: Any]] }

    static let variants: [Variant] = [
        // A role OSIS cannot assume blocks every check that runs as it.
        Variant(name: "trust names another service", check: "trust.pipeline-role", status: .fail,
                reason: "does not allow the service principal `osis-pipelines.amazonaws.com`", alsoFails: roleChecks) { template in
            set(&template, ["Resources", role, "Properties", "AssumeRolePolicyDocument", "Statement"],
                [["Action": "sts:AssumeRole", "Effect": "Allow", "Principal": ["Service": "opensearchservice.amazonaws.com"]]])
        },
        Variant(name: "trust denies the pipeline service", check: "trust.pipeline-role", status: .fail,
                reason: "explicitly denied by", alsoFails: roleChecks) { template in
            edit(&template, ["Resources", role, "Properties", "AssumeRolePolicyDocument", "Statement"]) { value in
                var statements = value as? [Any] ?? []
                statements.append(["Sid": "NoOSIS", "Action": "sts:AssumeRole", "Effect": "Deny", "Principal": ["Service": "osis-pipelines.amazonaws.com"]])
                value = statements
            }
        },
        Variant(name: "point-in-time recovery off", check: "source.dynamodb.export", status: .fail,
                reason: "point-in-time recovery is off on `DynamoDBTable59784FC0`") { template in
            set(&template, ["Resources", "DynamoDBTable59784FC0", "Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"], false)
        },
        Variant(name: "role without the DynamoDB managed policy", check: "source.dynamodb.export", status: .fail,
                reason: "needs `dynamodb:DescribeTable`", alsoFails: ["source.dynamodb.stream"]) { template in
            edit(&template, ["Resources", role, "Properties", "ManagedPolicyArns"]) { value in
                value = (value as? [Any] ?? []).filter { "\($0)".contains("AmazonDynamoDBFullAccess") == false }
            }
        },
        Variant(name: "table without a stream", check: "source.dynamodb.stream", status: .fail,
                reason: "has no stream") { template in
            remove(&template, ["Resources", "DynamoDBTable59784FC0", "Properties", "StreamSpecification"])
        },
        Variant(name: "stream of keys only", check: "source.dynamodb.stream", status: .fail,
                reason: "streams `KEYS_ONLY`") { template in
            set(&template, ["Resources", "DynamoDBTable59784FC0", "Properties", "StreamSpecification", "StreamViewType"], "KEYS_ONLY")
        },
        Variant(name: "bucket policy denies writes", check: "source.s3.export", status: .fail,
                reason: "explicitly denied by OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56") { template in
            edit(&template, ["Resources", "OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56", "Properties", "PolicyDocument", "Statement"]) { value in
                var statements = value as? [Any] ?? []
                statements.append(["Sid": "NoPuts", "Effect": "Deny", "Principal": ["AWS": "*"], "Action": "s3:PutObject", "Resource": "*"])
                value = statements
            }
        },
        Variant(name: "export bucket encrypted with a key the role may not use", check: "source.s3.export", status: .fail,
                reason: "needs `kms:GenerateDataKey`") { template in
            set(&template, ["Resources", "ExportKey"], ["Type": "AWS::KMS::Key", "Properties": ["KeyPolicy": [
                "Version": "2012-10-17",
                "Statement": [["Sid": "EnableIAM", "Effect": "Allow", "Principal": ["AWS": ["Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"]],
                               "Action": "kms:*", "Resource": "*"]],
            ] as [String: Any]]] as [String: Any])
            set(&template, ["Resources", "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB", "Properties", "BucketEncryption"], [
                "ServerSideEncryptionConfiguration": [["ServerSideEncryptionByDefault": ["SSEAlgorithm": "aws:kms", "KMSMasterKeyID": ["Fn::GetAtt": ["ExportKey", "Arn"]]]]],
            ])
        },
        Variant(name: "the domain's own access policy denies bulk writes", check: "sink.opensearch", status: .fail,
                reason: "explicitly denied by ZeroETLDashboardDemoLC05C24EB.AccessPolicies",
                // This policy replaces the custom resource's, so the Dashboards role loses its grant too.
                alsoFails: ["dashboards.cognito"]) { template in
            set(&template, ["Resources", "ZeroETLDashboardDemoLC05C24EB", "Properties", "AccessPolicies"], [
                "Version": "2012-10-17",
                "Statement": [["Sid": "NoBulk", "Effect": "Deny", "Principal": ["AWS": "*"], "Action": "es:ESHttpPost", "Resource": "*"]],
            ] as [String: Any])
        },
        Variant(name: "an attached policy denies OpenSearch writes", check: "sink.opensearch", status: .fail,
                reason: "explicitly denied by ExtraPolicy") { template in
            set(&template, ["Resources", "ExtraPolicy"], extraPolicyResource())
        },
        Variant(name: "a permissions boundary without OpenSearch", check: "sink.opensearch", status: .fail,
                reason: "the permissions boundary does not allow `es:DescribeDomain`", alsoFails: ["source.s3.export"]) { template in
            set(&template, ["Resources", role, "Properties", "PermissionsBoundary"], "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
        },
        Variant(name: "unauthenticated identities allowed", check: "dashboards.cognito", status: .fail,
                reason: "allows unauthenticated identities") { template in
            set(&template, ["Resources", "CognitoIdentityPool", "Properties", "AllowUnauthenticatedIdentities"], true)
        },
        Variant(name: "authenticated role trust without amr", check: "dashboards.cognito", status: .fail,
                reason: "must not get `sts:AssumeRoleWithWebIdentity`") { template in
            remove(&template, ["Resources", "authRoleIdentity9316A68D", "Properties", "AssumeRolePolicyDocument", "Statement"])
            set(&template, ["Resources", "authRoleIdentity9316A68D", "Properties", "AssumeRolePolicyDocument", "Statement"],
                [["Action": "sts:AssumeRoleWithWebIdentity", "Effect": "Allow", "Principal": ["Federated": "cognito-identity.amazonaws.com"],
                  "Condition": ["StringEquals": ["cognito-identity.amazonaws.com:aud": ["Ref": "CognitoIdentityPool"]]]]])
        },
        Variant(name: "authenticated role trust without aud", check: "dashboards.cognito", status: .fail,
                reason: "does not require `cognito-identity.amazonaws.com:aud`") { template in
            set(&template, ["Resources", "authRoleIdentity9316A68D", "Properties", "AssumeRolePolicyDocument", "Statement"],
                [["Action": "sts:AssumeRoleWithWebIdentity", "Effect": "Allow", "Principal": ["Federated": "cognito-identity.amazonaws.com"],
                  "Condition": ["ForAnyValue:StringLike": ["cognito-identity.amazonaws.com:amr": "authenticated"]]]])
        },
    ]

    @Test(arguments: variants)
    func brokenStackFailsTheRightCheck(_ variant: Variant) throws {
        var template = try ReferenceStack.json()
        variant.mutate(&template)
        let report = try ReferenceStack.analyze(template)
        let check = try #require(report.checks.first { $0.id.rawValue == variant.check })
        #expect(check.status == variant.status, "\(check.id): \(check.reason)")
        #expect(check.reason.contains(variant.reason), "\(check.reason)")
        // The other checks are unaffected.
        for other in report.checks where other.id.rawValue != variant.check {
            let expected: CheckStatus = variant.alsoFails.contains(other.id.rawValue) ? .fail : .pass
            #expect(other.status == expected, "\(variant.name) also changed \(other.id): \(other.reason)")
        }
        #expect(report.gateFails(failOn: .error))
    }

    @Test func aRoleTheServiceCannotAssumeBlocksTheChecksThatRunAsIt() throws {
        var template = try ReferenceStack.json()
        set(&template, ["Resources", Self.role, "Properties", "AssumeRolePolicyDocument", "Statement"],
            [["Action": "sts:AssumeRole", "Effect": "Allow", "Principal": ["Service": "lambda.amazonaws.com"]]])
        let report = try ReferenceStack.analyze(template)
        for id in Self.roleChecks {
            let check = try #require(report.checks.first { $0.id.rawValue == id })
            #expect(check.status == .fail, "\(id): \(check.reason)")
            #expect(check.reason == "blocked by `trust.pipeline-role`: OpenSearch Ingestion cannot assume `\(Self.role)`")
        }
        #expect(report.checks.first { $0.id == .dashboardsCognito }?.status == .pass)
    }

    @Test func exportOnlyPipelinesSkipTheStreamCheck() throws {
        let yaml = try ReferenceStack.pipelineYAML().replacingOccurrences(of: "          stream:\n            start_position: \"LATEST\"\n", with: "")
        let report = try ReferenceStack.analyze(try ReferenceStack.json(), pipelineYAML: yaml)
        #expect(report.checks.first { $0.id.rawValue == "source.dynamodb.stream" }?.status == .skipped)
        #expect(report.checks.first { $0.id.rawValue == "source.dynamodb.export" }?.status == .pass)
    }
}
