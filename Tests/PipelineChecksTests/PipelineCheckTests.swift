import AccessInventory
import PipelineChecks
import PolicyModel
import TestSupport
import Testing

@Suite struct ReferenceStackTests {
    @Test func theReferenceStackWorksAndIsOverPrivileged() throws {
        let report = try ReferenceStack.stack().report()
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
        #expect(report.findings.contains { $0.id.rawValue == "trust.no-source-condition" && $0.resource == ReferenceStack.pipelineRole })
        #expect(report.findings.contains { $0.id.rawValue == "trust.extra-service-principal" && $0.message.contains("opensearchservice.amazonaws.com") })
        #expect(report.findings.contains { $0.id.rawValue == "domain.policy-open-to-account" && $0.message.contains("arn:aws:iam::123456789012:root") })
        #expect(report.findings.contains { $0.id.rawValue == "iam.es-star-on-star" })
        #expect(report.findings.contains { $0.id.rawValue == "domain.https-not-enforced" })
        #expect(!report.gateFails(failOn: .error))
        #expect(report.gateFails(failOn: .securityWarning))
    }

    @Test func aSeparatePipelineFileGivesTheSameAnswers() throws {
        let report = try ReferenceStack.stack().withPipelineFile(text: SeedStack.File.concretePipeline.text).report()
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
        var breaking: @Sendable (TestStack) throws -> TestStack
        var testDescription: String { name }
    }

    static let role = ReferenceStack.pipelineRole
    /// The checks that run as the pipeline role.
    static let roleChecks = ["source.dynamodb.export", "source.dynamodb.stream", "source.s3.export", "sink.opensearch"]
    static let cognitoProvider = TestPrincipal.federated("cognito-identity.amazonaws.com")

    static let variants: [Variant] = [
        // A role OSIS cannot assume blocks every check that runs as it.
        Variant(name: "trust names another service", check: "trust.pipeline-role", status: .fail,
                reason: "does not allow the service principal `osis-pipelines.amazonaws.com`", alsoFails: roleChecks) { stack in
            try stack.replacingTrust(of: role, with: .service("opensearchservice.amazonaws.com"))
        },
        Variant(name: "trust denies the pipeline service", check: "trust.pipeline-role", status: .fail,
                reason: "explicitly denied by", alsoFails: roleChecks) { stack in
            try stack.addingTrustStatement(.denyAssume(by: .service("osis-pipelines.amazonaws.com")).withSid("NoOSIS"), to: role)
        },
        Variant(name: "point-in-time recovery off", check: "source.dynamodb.export", status: .fail,
                reason: "point-in-time recovery is off on `DynamoDBTable59784FC0`") { stack in
            try stack.settingPointInTimeRecovery(false, on: ReferenceStack.table)
        },
        Variant(name: "role without the DynamoDB managed policy", check: "source.dynamodb.export", status: .fail,
                reason: "needs `dynamodb:DescribeTable`", alsoFails: ["source.dynamodb.stream"]) { stack in
            try stack.removingManagedPolicy(named: "AmazonDynamoDBFullAccess", from: role)
        },
        Variant(name: "table without a stream", check: "source.dynamodb.stream", status: .fail,
                reason: "has no stream") { stack in
            try stack.settingStream(nil, on: ReferenceStack.table)
        },
        Variant(name: "stream of keys only", check: "source.dynamodb.stream", status: .fail,
                reason: "streams `KEYS_ONLY`") { stack in
            try stack.settingStream(.keysOnly, on: ReferenceStack.table)
        },
        Variant(name: "bucket policy denies writes", check: "source.s3.export", status: .fail,
                reason: "explicitly denied by OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56") { stack in
            try stack.addingBucketPolicyStatement(TestStatement.deny(["s3:PutObject"], on: "*").by(.everyone).withSid("NoPuts"), to: ReferenceStack.exportBucket)
        },
        Variant(name: "export bucket encrypted with a key the role may not use", check: "source.s3.export", status: .fail,
                reason: "needs `kms:GenerateDataKey`") { stack in
            try stack.key("ExportKey", policy: TestPolicy([TestStatement.allow(["kms:*"], on: "*").by(.account).withSid("EnableIAM")]))
                .encryptingBucket(ReferenceStack.exportBucket, with: .arn(of: "ExportKey"))
        },
        Variant(name: "the domain's own access policy denies bulk writes", check: "sink.opensearch", status: .fail,
                reason: "explicitly denied by ZeroETLDashboardDemoLC05C24EB.AccessPolicies",
                // This policy replaces the custom resource's, so the Dashboards role loses its grant too.
                alsoFails: ["dashboards.cognito"]) { stack in
            try stack.settingAccessPolicy(of: ReferenceStack.domain, to: TestPolicy([TestStatement.deny(["es:ESHttpPost"], on: "*").by(.everyone).withSid("NoBulk")]))
        },
        Variant(name: "an attached policy denies OpenSearch writes", check: "sink.opensearch", status: .fail,
                reason: "explicitly denied by ExtraPolicy") { stack in
            stack.policy("ExtraPolicy", name: "Extra", TestPolicy([TestStatement.deny(["es:ESHttp*"], on: "*").withSid("NoWrites")]), roles: [role])
        },
        Variant(name: "a permissions boundary without OpenSearch", check: "sink.opensearch", status: .fail,
                reason: "the permissions boundary does not allow `es:DescribeDomain`", alsoFails: ["source.s3.export"]) { stack in
            try stack.settingBoundary(of: role, to: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
        },
        Variant(name: "unauthenticated identities allowed", check: "dashboards.cognito", status: .fail,
                reason: "allows unauthenticated identities") { stack in
            try stack.settingUnauthenticatedIdentities(true, in: ReferenceStack.identityPool)
        },
        Variant(name: "authenticated role trust without amr", check: "dashboards.cognito", status: .fail,
                reason: "the trust policy of `authRoleIdentity9316A68D` lets the pool's unauthenticated identities assume it: it does not require `cognito-identity.amazonaws.com:amr` to be `authenticated` (Allow — ") { stack in
            try stack.replacingTrust(of: ReferenceStack.dashboardsRole, with: .assumable(by: cognitoProvider, action: "sts:AssumeRoleWithWebIdentity", when: [
                .stringEquals("cognito-identity.amazonaws.com:aud", .ref(ReferenceStack.identityPool)),
            ]))
        },
        Variant(name: "authenticated role trust without aud", check: "dashboards.cognito", status: .fail,
                reason: "does not require `cognito-identity.amazonaws.com:aud`") { stack in
            try stack.replacingTrust(of: ReferenceStack.dashboardsRole, with: .assumable(by: cognitoProvider, action: "sts:AssumeRoleWithWebIdentity", when: [
                .forAnyValueStringLike("cognito-identity.amazonaws.com:amr", "authenticated"),
            ]))
        },
    ]

    @Test(arguments: variants)
    func brokenStackFailsTheRightCheck(_ variant: Variant) throws {
        let report = try variant.breaking(try ReferenceStack.stack()).report()
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
        let report = try ReferenceStack.stack().replacingTrust(of: Self.role, with: .service("lambda.amazonaws.com")).report()
        for id in Self.roleChecks {
            let check = try #require(report.checks.first { $0.id.rawValue == id })
            #expect(check.status == .fail, "\(id): \(check.reason)")
            #expect(check.reason == "blocked by `trust.pipeline-role`: OpenSearch Ingestion cannot assume `\(Self.role)`")
        }
        #expect(report.checks.first { $0.id == .dashboardsCognito }?.status == .pass)
    }

    @Test func exportOnlyPipelinesSkipTheStreamCheck() throws {
        let report = try ReferenceStack.stack().withPipelineFile(ReferenceStack.pipelineConfiguration.exportingOnly()).report()
        #expect(report.checks.first { $0.id.rawValue == "source.dynamodb.stream" }?.status == .skipped)
        #expect(report.checks.first { $0.id.rawValue == "source.dynamodb.export" }?.status == .pass)
    }
}
