import AccessInventory
import PipelineChecks
import TestSupport
import Testing

/// Stacks written with the builders: a least-privilege pipeline, then one change at a time.
@Suite struct BuiltStackCheckTests {
    static let roleName = PipelineStack.roleName
    static let pipelineRolePrincipal = PipelineStack.pipelineRolePrincipal
    static let osisTrust = PipelineStack.osisTrust
    static let pipelinePolicy = PipelineStack.pipelinePolicy
    static let configuration = PipelineStack.configuration

    static func pipelineStack(configuration: TestPipeline = configuration, pipelineRolePolicies: [TestPolicy] = [pipelinePolicy]) -> TestStack {
        PipelineStack.stack(configuration: configuration, pipelineRolePolicies: pipelineRolePolicies)
    }

    @Test func aLeastPrivilegePipelinePassesWithoutFindings() throws {
        let report = try Self.pipelineStack().report()
        for check in report.checks where check.id != .dashboardsCognito {
            #expect(check.status == .pass, "\(check.id): \(check.reason)")
        }
        #expect(try #require(report.check(.dashboardsCognito)).status == .skipped)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    /// A dead-letter queue is written by the sink's role: the sink check needs `s3:PutObject` under
    /// its prefix, from the role and the queue bucket's policy alike.
    @Test func aDeadLetterQueueNeedsWritesUnderItsPrefix() throws {
        let configuration = Self.configuration.sinking(into: TestPipeline.Sink.domain("Search", role: .arn(of: "PipelineRole")).withDeadLetterQueue(.ref("Exports"), prefix: "/dlq/"))
        let missing = try #require(try Self.pipelineStack(configuration: configuration).report().check(.openSearchSink))
        #expect(missing.status == .fail)
        #expect(missing.reason.contains("needs `s3:PutObject` on `arn:aws:s3:::orders-exports/dlq/dlq-01700000000000-abcdef01.json`"), "\(missing.reason)")

        let queueWrites = TestPolicy.allow(["s3:PutObject"], on: .arn(of: "Exports") + "/dlq/*").named("DeadLetters")
        let granted = try #require(try Self.pipelineStack(configuration: configuration, pipelineRolePolicies: [Self.pipelinePolicy, queueWrites]).report().check(.openSearchSink))
        #expect(granted.status == .pass, "\(granted.reason)")
    }

    /// A Serverless collection outside the template: without `aoss:APIAccessAll` the sink fails;
    /// with it the sink is unknown, since its data access policy is not in the inputs.
    @Test func aServerlessSinkFailsWithoutItsIAMSideAndIsUnknownWithIt() throws {
        let configuration = Self.configuration.sinking(into: .collection("https://abc123def456.us-east-1.aoss.amazonaws.com", role: .arn(of: "PipelineRole")))
        let without = try #require(try Self.pipelineStack(configuration: configuration).report().check(.openSearchSink))
        #expect(without.status == .fail)
        #expect(without.reason.contains("needs `aoss:BatchGetCollection` on `arn:aws:aoss:us-east-1:123456789012:collection/abc123def456`"), "\(without.reason)")
        let collection = TestPolicy.allow(["aoss:APIAccessAll", "aoss:BatchGetCollection"], on: "arn:aws:aoss:us-east-1:123456789012:collection/abc123def456").named("Collection")
        let with = try #require(try Self.pipelineStack(configuration: configuration, pipelineRolePolicies: [Self.pipelinePolicy, collection]).report().check(.openSearchSink))
        #expect(with.status == .unknown)
        #expect(with.reason == "whether the data access policy of collection `https://abc123def456.us-east-1.aoss.amazonaws.com` lets the pipeline role write is unknown: "
            + "the collection is not in the inputs and the sink names no `serverless_options.collection_name`; the policy must grant the role `aoss:CreateIndex`, "
            + "`aoss:UpdateIndex`, `aoss:DescribeIndex` and `aoss:WriteDocument` on the collection's indexes")
    }

    /// A table encrypted with a customer managed key: the role needs `kms:Decrypt` on it, and
    /// the key's own policy must let it (KMS decides on the key policy).
    @Test func aTableKeyNeedsDecryptFromTheRoleAndTheKeyPolicy() throws {
        let keyForAccount = TestPolicy([TestStatement.allow(["kms:*"], on: "*").by(.aws(.accountRoot))])
        let decrypt = TestPolicy.allow(["kms:Decrypt"], on: .arn(of: "TableKey")).named("TableKey")
        func stack(keyPolicy: TestPolicy, extra: [TestPolicy]) -> TestStack {
            Self.pipelineStack(pipelineRolePolicies: [Self.pipelinePolicy] + extra)
                .key("TableKey", policy: keyPolicy)
                .table("Orders", name: "orders", pointInTimeRecovery: true, stream: .newImage, key: .arn(of: "TableKey"))
        }
        let withoutGrant = try #require(try stack(keyPolicy: keyForAccount, extra: []).report().check(.dynamoDBStream))
        #expect(withoutGrant.status == .fail)
        #expect(withoutGrant.reason.contains("needs `kms:Decrypt` on `arn:aws:kms:us-east-1:123456789012:key/"), "\(withoutGrant.reason)")
        #expect(try #require(try stack(keyPolicy: keyForAccount, extra: [decrypt]).report().check(.dynamoDBStream)).status == .pass)
        let otherAccount = TestPolicy([TestStatement.allow(["kms:*"], on: "*").by(.aws("arn:aws:iam::444455556666:root"))])
        #expect(try #require(try stack(keyPolicy: otherAccount, extra: [decrypt]).report().check(.dynamoDBExport)).status == .fail)
    }

    /// Export-only: the stream check is skipped, and the role's stream actions are more than the
    /// pipeline needs, counted with the action nobody documents.
    @Test func anExportOnlyPipelineSkipsTheStreamAndCountsItsStreamActions() throws {
        let extras = TestPolicy.allow(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:DeleteTable"], on: .arn(of: "Orders") + "*").named("Extras")
        let stack = Self.pipelineStack(configuration: Self.configuration.exportingOnly(), pipelineRolePolicies: [Self.pipelinePolicy, extras])
        let report = try stack.report()
        let stream = try #require(report.check(.dynamoDBStream))
        #expect(stream.status == .skipped)
        #expect(stream.reason == "the pipeline exports only (no `stream` block)")
        #expect(try #require(report.check(.dynamoDBExport)).status == .pass)
        let overPrivilege = report.findings.filter { $0.id == .pipelineRoleOverprivilege }
        #expect(overPrivilege.map(\.message) == [
            "`PipelineRole.Extras` grants 1 write, 2 read actions the pipeline does not need, including `dynamodb:DeleteTable`",
        ])
    }

    static let exportKeyAdministeredByTheAccount = TestStatement.allow(["kms:*"], on: "*").by(.account).withSid("EnableIAM")

    static func exportsEncrypted(keyPolicy: TestPolicy) throws -> TestStack {
        try pipelineStack().key("ExportKey", policy: keyPolicy).encryptingBucket("Exports", with: .arn(of: "ExportKey"))
    }

    @Test func aCustomerManagedKeyWhosePolicyAllowsTheRoleLetsTheExportThrough() throws {
        let stack = try Self.exportsEncrypted(keyPolicy: TestPolicy([
            Self.exportKeyAdministeredByTheAccount,
            TestStatement.allow(["kms:GenerateDataKey", "kms:Decrypt"], on: "*").by(Self.pipelineRolePrincipal).withSid("PipelineExports"),
        ]))
        let result = try #require(try stack.report().check(.s3Export))
        #expect(result.status == .pass, "\(result.reason)")
        let keyRequests = result.requests.filter { $0.action.hasPrefix("kms:") }
        #expect(keyRequests.map(\.action) == ["kms:GenerateDataKey", "kms:Decrypt"])
        #expect(keyRequests.allSatisfy { $0.verdict == .met && $0.matched.contains { $0.policy == "ExportKey.KeyPolicy" } })
    }

    @Test func aCustomerManagedKeyWhosePolicyLeavesTheRoleOutStopsTheExport() throws {
        // The key delegates to IAM, and the role's policies grant no KMS action.
        let stack = try Self.exportsEncrypted(keyPolicy: TestPolicy([Self.exportKeyAdministeredByTheAccount]))
        let report = try stack.report()
        let result = try #require(report.check(.s3Export))
        #expect(result.status == .fail)
        #expect(result.reason.contains("needs `kms:GenerateDataKey`"), "\(result.reason)")
        for other in report.checks where other.id != .s3Export && other.id != .dashboardsCognito {
            #expect(other.status == .pass, "\(other.id): \(other.reason)")
        }
    }

    @Test func aPipelineRoleOutsideTheTemplateIsUnknownAndNamed() throws {
        let elsewhere: TestValue = "arn:aws:iam::123456789012:role/IngestionElsewhere"
        let configuration = TestPipeline(
            table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/"), role: elsewhere, sink: .domain("Search", role: elsewhere))
        let stack = TestStack()
            .table("Orders", name: "orders")
            .bucket("Exports", name: "orders-exports")
            .domain("Search", name: "orders-search")
            .pipeline("Pipeline", role: elsewhere, configuration: configuration, logging: true)
        let report = try stack.report()
        let trust = try #require(report.check(.pipelineRoleTrust))
        #expect(trust.status == .unknown)
        // What is unknown first, then what would tell.
        let tell = "is unknown (a template that defines it, or the account's IAM as `aws iam get-account-authorization-details` prints it, would tell)"
        let arn = "`arn:aws:iam::123456789012:role/IngestionElsewhere`"
        #expect(trust.reason == "the pipeline role \(arn) is not in the inputs, so whether it may be assumed by OpenSearch Ingestion \(tell)")
        for (id, reason) in [(CheckID.dynamoDBExport, "the pipeline role \(arn) is not in the inputs, so whether it may describe and export the table \(tell)"),
                             (.dynamoDBStream, "the pipeline role \(arn) is not in the inputs, so whether it may read the table's stream \(tell)"),
                             (.s3Export, "the role that writes the export \(arn) is not in the inputs, so whether it may read and write the export files \(tell)"),
                             (.openSearchSink, "the sink's role \(arn) is not in the inputs, so whether it may write to the domain \(tell)")] {
            let result = try #require(report.check(id))
            #expect(result.status == .unknown, "\(id): \(result.reason)")
            #expect(result.reason == reason)
        }
        #expect(!report.gateFails(failOn: .error))
        #expect(report.gateFails(failOn: .error, failOnUnknown: true))
    }

    /// One role outside the template must not hide another that OSIS cannot assume: the gate fails.
    @Test func aMissingRoleDoesNotHideAnUntrustedOne() throws {
        let elsewhere: TestValue = "arn:aws:iam::123456789012:role/AaaElsewhere"
        let configuration = TestPipeline(
            table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/"), role: .arn(of: "PipelineRole"),
            sink: .domain("Search", role: elsewhere))
        let stack = try Self.pipelineStack(configuration: configuration)
            .replacingTrust(of: "PipelineRole", with: .service("lambda.amazonaws.com"))
        let report = try stack.report()
        let trust = try #require(report.check(.pipelineRoleTrust))
        #expect(trust.status == .fail, "\(trust.reason)")
        #expect(trust.reason.contains("does not allow the service principal `osis-pipelines.amazonaws.com`"))
        #expect(report.gateFails(failOn: .error))
    }

    @Test func fineGrainedAccessControlPassesWhenThePipelineRoleIsTheMasterUser() throws {
        let masterUser = try Self.pipelineStack().enablingFineGrainedAccessControl(on: "Search", .masterUser(.roleARN(named: Self.roleName))).report()
        let sink = try #require(masterUser.check(.openSearchSink))
        #expect(sink.status == .pass, "\(sink.reason)")
        // With internal users only, the role's mapping lives in the domain, out of the template's sight.
        let internalUsers = try Self.pipelineStack().enablingFineGrainedAccessControl(on: "Search", .internalUserDatabase).report()
        #expect(try #require(internalUsers.check(.openSearchSink)).status == .unknown)
    }

    /// Dashboards users sign in through an identity pool whose authenticated role the domain lets in.
    static let dashboardsStack = TestStack()
        .identityPool("Pool", authenticatedRole: "DashboardsRole")
        .role("DashboardsRole", name: "dashboards-users", trust: .cognito(pool: .ref("Pool")))
        .domain("Search", name: "orders-search", accessPolicy: TestPolicy([
            TestStatement.allow(["es:ESHttp*"], on: .regionalARN("es", "domain/orders-search/*")).by(.aws(.roleARN(named: "dashboards-users"))),
        ]), cognitoIdentityPool: .ref("Pool"))

    @Test func dashboardsUsersSignInThroughTheIdentityPool() throws {
        let report = try Self.dashboardsStack.report()
        let dashboards = try #require(report.check(.dashboardsCognito))
        #expect(dashboards.status == .pass, "\(dashboards.reason)")
        #expect(dashboards.reason == "`DashboardsRole` is assumable only by authenticated identities of the pool, and the domain policy lets it in")
        // Without a pipeline, the pipeline checks have nothing to check.
        #expect(report.checks.filter { $0.id != .dashboardsCognito }.allSatisfy { $0.status == .skipped })
    }

    @Test func dashboardsFailWhenGuestsOrOnlyGuestsGetTheRole() throws {
        let guestsAllowed = try Self.dashboardsStack.settingUnauthenticatedIdentities(true, in: "Pool").report()
        let allowed = try #require(guestsAllowed.check(.dashboardsCognito))
        #expect(allowed.status == .fail)
        #expect(allowed.reason == "identity pool `Pool` allows unauthenticated identities")

        let guestRole = try Self.dashboardsStack.replacingTrust(of: "DashboardsRole", with: .cognito(pool: .ref("Pool"), authenticated: false)).report()
        let guest = try #require(guestRole.check(.dashboardsCognito))
        #expect(guest.status == .fail)
        #expect(guest.reason.hasPrefix("cognito-identity.amazonaws.com needs `sts:AssumeRoleWithWebIdentity`"), "\(guest.reason)")
    }
}
