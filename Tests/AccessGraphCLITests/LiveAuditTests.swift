import AWSClient
import Foundation
import TestSupport
import Testing

/// `accessgraph audit` live, against a moto server the test starts on 127.0.0.1, with the
/// reference stack deployed into it by `Tests/AccountFixtures/reference_account.py`: the same
/// statuses as `check` on the template, and a saved snapshot that replays byte for byte.
@Suite(.serialized) struct LiveAuditTests {
    static let canRun = MotoServer.isAvailable && Executable.built("accessgraph") != nil

    /// Credentials moto accepts, and a home without the developer's own AWS files.
    static func environment(home: String) -> [String: String?] {
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": nil, "AWS_PROFILE": nil, "AWS_REGION": "us-east-1",
         "HOME": home, "AWS_CONFIG_FILE": nil, "AWS_SHARED_CREDENTIALS_FILE": nil, "AWS_ENDPOINT_URL": nil]
    }

    /// A moto server holding the reference stack (`variant`: reference_account.py's options), and
    /// a scratch directory that is the tests' home.
    static func deployed(_ variant: [String] = []) throws -> (server: MotoServer, scratch: TemporaryDirectory) {
        let server = try MotoServer()
        let scratch = try TemporaryDirectory()
        let python = try #require(LocalServer.python)
        let run = try Executable.run(python, [Repository.url("Tests/AccountFixtures/reference_account.py").path, scratch.path + "/deployed", "--endpoint-url", server.url] + variant,
                                     in: scratch.path, environment: environment(home: scratch.path))
        #expect(run.status == 0, "\(run.output)")
        return (server, scratch)
    }

    /// The built `accessgraph` run in `scratch` with the tests' environment.
    static func run(_ arguments: [String], in scratch: TemporaryDirectory, environment changes: [String: String?] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let binary = try #require(Executable.built("accessgraph"))
        return try Executable.runSeparately(binary, arguments, in: scratch.path, environment: environment(home: scratch.path).merging(changes) { _, new in new })
    }

    @Test(.enabled(if: canRun, "needs moto[server] and boto3 (.ci/run installs them into .build/moto) and the built accessgraph"))
    func theLiveAuditMatchesTheTemplateAndReplaysOffline() throws {
        let (server, scratch) = try Self.deployed()
        let saved = scratch.path + "/saved"
        let live = try Self.run(["audit", "--endpoint-url", server.url, "--save-snapshot", saved, "--quiet"], in: scratch)
        #expect(live.status == 0, "\(live.stderr)")
        let template = accessgraph(["check"])
        // All six, the Dashboards check too: the deployment attached the identity pool's roles
        // (SetIdentityPoolRoles, which moto_server.py adds to moto) and the audit read them back.
        #expect(AuditCommandTests.statuses(live.stdout) == AuditCommandTests.statuses(template.stdout))
        #expect(AuditCommandTests.statuses(live.stdout).count == 6)
        #expect(live.stdout.contains("  ✓ dashboards.cognito: `DashboardStack-authRoleIdentity-C790C1C9073D` is assumable only by authenticated identities of the pool, and the domain policy lets it in\n"),
                "\(live.stdout)")
        #expect(live.stderr.isEmpty, "every call answered: \(live.stderr)")
        #expect(live.stdout.hasPrefix("AccessGraph audit: account 123456789012 in us-east-1, snapshot \(saved): pipeline opensearch-dynamodb-etl\n"), "\(live.stdout)")
        let roles = try String(contentsOfFile: saved + "/CognitoIdentityPool.get-identity-pool-roles.json", encoding: .utf8)
        #expect(roles.contains(#""authenticated": "arn:aws:iam::123456789012:role/DashboardStack-authRoleIdentity-C790C1C9073D""#), "\(roles)")

        let replay = try Self.run(["audit", "--snapshot", saved, "--region", "us-east-1"], in: scratch)
        #expect(replay.status == live.status)
        #expect(replay.stdout == live.stdout, "the saved snapshot gives the same report")
    }

    @Test(.enabled(if: canRun, "needs moto[server] and boto3 (.ci/run installs them into .build/moto) and the built accessgraph"))
    func aLiveAccountWhosePipelineRoleCannotReachTheDomainFailsTheSink() throws {
        let (server, scratch) = try Self.deployed(["--break-sink"])
        let live = try Self.run(["audit", "--endpoint-url", server.url, "--quiet"], in: scratch)
        #expect(live.status == 3, "\(live.stderr)")
        // Nothing saved: the heading names the account and region the calls went to, no directory.
        #expect(live.stdout.hasPrefix("AccessGraph audit: account 123456789012 in us-east-1: pipeline opensearch-dynamodb-etl\n"), "\(live.stdout)")
        // The statuses `audit --snapshot` gives the broken-sink fixture (the same variant saved).
        #expect(AuditCommandTests.statuses(live.stdout) == AuditCommandTests.statuses(accessgraph(["audit", "--snapshot", AuditCommandTests.brokenSink, "--region", "us-east-1"]).stdout))
        #expect(AuditCommandTests.statuses(live.stdout) == ["✓ trust.pipeline-role", "✓ source.dynamodb.export", "✓ source.dynamodb.stream", "✓ source.s3.export",
                                                           "✗ sink.opensearch", "✓ dashboards.cognito"])
        #expect(live.stdout.contains("needs `es:DescribeDomain` on `arn:aws:es:us-east-1:123456789012:domain/zeroetld-90ac872faf88da587e`: ImplicitDeny"), "\(live.stdout)")
    }

    @Test(.enabled(if: canRun, "needs moto[server] and boto3 (.ci/run installs them into .build/moto) and the built accessgraph"))
    func aLiveMemberAccountIsHeldToItsOrganizationsSCPs() throws {
        let (server, scratch) = try Self.deployed(["--scp-deny-es"])
        // Only the management account reads SCPs: a role there, assumed with the environment's keys.
        try scratch.write(".aws/config", "[profile organization]\nrole_arn = arn:aws:iam::210987654321:role/OrganizationAccountAccessRole\ncredential_source = Environment\n")
        let saved = scratch.path + "/saved"
        let live = try Self.run(["audit", "--endpoint-url", server.url, "--organization-profile", "organization", "--save-snapshot", saved, "--quiet"], in: scratch)
        #expect(live.status == 3, "\(live.stderr)")
        #expect(AuditCommandTests.statuses(live.stdout) == ["✓ trust.pipeline-role", "✓ source.dynamodb.export", "✓ source.dynamodb.stream", "✓ source.s3.export",
                                                           "✗ sink.opensearch", "✗ dashboards.cognito"])
        #expect(live.stdout.contains("ExplicitDeny — explicitly denied by SCP DenyOpenSearchHTTP statement 0 (NoSearchData)"), "\(live.stdout)")
        let replay = try Self.run(["audit", "--snapshot", saved, "--region", "us-east-1"], in: scratch)
        #expect(replay.stdout == live.stdout, "the saved snapshot gives the same report")

        // Without it, AWS refuses a member account the organization's policies: what they could
        // refuse is unknown, naming the command and the refusal.
        let member = try FaultServer(upstream: server.url, faults: [.init("ListParents", "access-denied"), .init("ListPolicies", "access-denied")], in: scratch)
        let denied = try Self.run(["audit", "--endpoint-url", member.url, "--quiet"], in: scratch)
        #expect(member.answers.filter { AuditOperation(rawValue: $0.operation) == nil }.isEmpty, "every call is one `audit --print-policy` grants: \(member.answers)")
        #expect(denied.status == 0, "\(denied.stderr)")
        let refusal = "Organizations ListPolicies failed (HTTP 400 AccessDeniedException): You don't have permissions to access this resource."
        #expect(denied.stderr.contains("warning: aws organizations list-policies --filter SERVICE_CONTROL_POLICY: \(refusal)\n"), "\(denied.stderr)")
        #expect(!AuditCommandTests.statuses(denied.stdout).contains { $0.hasPrefix("✗") }, "\(denied.stdout)")
        let sink = AuditCommandTests.unknownLine("sink.opensearch", in: denied.stdout)
        #expect(sink?.contains("is unknown: the snapshot does not list the organization's SCPs (`aws organizations list-policies --filter SERVICE_CONTROL_POLICY`); fetching it failed: \(refusal)") == true,
                "\(denied.stdout)")
    }

    @Test(.enabled(if: canRun, "needs moto[server] and boto3 (.ci/run installs them into .build/moto) and the built accessgraph"))
    func aLiveAccountFetchesTheKeysItsTableAndBucketUse() throws {
        let (server, scratch) = try Self.deployed(["--customer-key"])
        let saved = scratch.path + "/saved"
        let live = try Self.run(["audit", "--endpoint-url", server.url, "--save-snapshot", saved, "--quiet"], in: scratch)
        #expect(live.status == 3, "\(live.stderr)")
        let table = try String(contentsOfFile: saved + "/opensearch-ingestion-table.describe-table.json", encoding: .utf8)
        let keyARN = try #require(table.firstMatch(of: /"KMSMasterKeyArn": "(arn:aws:kms:us-east-1:123456789012:key\/([0-9a-f-]+))"/))
        let keyId = String(keyARN.output.2)
        let files = try FileManager.default.contentsOfDirectory(atPath: saved)
        #expect(files.contains("\(keyId).describe-key.json") && files.contains("\(keyId).get-key-policy.json"), "\(files)")
        // The key policy leaves the key to IAM, and the pipeline role's policies do not grant it.
        #expect(AuditCommandTests.statuses(live.stdout) == ["✓ trust.pipeline-role", "✗ source.dynamodb.export", "✗ source.dynamodb.stream", "✗ source.s3.export",
                                                           "✓ sink.opensearch", "✓ dashboards.cognito"])
        #expect(live.stdout.contains("needs `kms:GenerateDataKey` on `\(keyARN.output.1)`: ImplicitDeny — the key policy trusts the caller's account, so an identity-based Allow is also needed"),
                "\(live.stdout)")
        let replay = try Self.run(["audit", "--snapshot", saved, "--region", "us-east-1"], in: scratch)
        #expect(replay.stdout == live.stdout)
    }

    /// No keys, only a web identity token and a role, as a CI job or a Kubernetes pod has them:
    /// the token buys the role's keys (STS AssumeRoleWithWebIdentity), and the audit runs as the role.
    @Test(.enabled(if: canRun, "needs moto[server] and boto3 (.ci/run installs them into .build/moto) and the built accessgraph"))
    func aWebIdentityTokenIsExchangedForTheRoleTheAuditRunsAs() throws {
        let (server, scratch) = try Self.deployed()
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaS1qb2IifQ.web-identity-7d1e"
        let tokenFile = try scratch.write("token", token)
        let saved = scratch.path + "/saved"
        let live = try Self.run(["audit", "--endpoint-url", server.url, "--save-snapshot", saved, "--quiet"], in: scratch, environment: [
            "AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil, "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/Auditor", "AWS_ROLE_SESSION_NAME": "ci-audit",
        ])
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stderr.isEmpty, "\(live.stderr)")
        #expect(AuditCommandTests.statuses(live.stdout) == AuditCommandTests.statuses(accessgraph(["check"]).stdout))
        let caller = try String(contentsOfFile: saved + "/get-caller-identity.json", encoding: .utf8)
        #expect(caller.contains("arn:aws:sts::123456789012:assumed-role/Auditor/ci-audit"), "the calls were made as the role: \(caller)")
        let savedText = try FileManager.default.contentsOfDirectory(atPath: saved).map { try String(contentsOfFile: saved + "/" + $0, encoding: .utf8) }.joined()
        #expect(![live.stdout, live.stderr, savedText].contains { $0.contains(token) }, "the token is never shown")

        // A token file that is not there stops the audit before any call, naming the file only.
        let missing = try Self.run(["audit", "--endpoint-url", server.url, "--quiet"], in: scratch, environment: [
            "AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil, "AWS_WEB_IDENTITY_TOKEN_FILE": scratch.path + "/no-token", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/Auditor",
        ])
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("error[aws-config.web-identity-token]: the web identity token file `\(scratch.path)/no-token` (the environment, for role arn:aws:iam::123456789012:role/Auditor) cannot be read"),
                "\(missing.stderr)")
    }

    @Test(.enabled(if: Executable.built("accessgraph") != nil, "needs the built accessgraph"))
    func aLiveAuditWithoutARegionOrAServerSaysWhy() throws {
        let scratch = try TemporaryDirectory()
        let noRegion = try Self.run(["audit", "--quiet"], in: scratch, environment: ["AWS_REGION": nil, "AWS_DEFAULT_REGION": nil])
        #expect(noRegion.status == 2)
        #expect(noRegion.stderr.contains("error[usage.no-region]: a live audit needs a region"), "\(noRegion.stderr)")
        // Nothing listens on port 9: every call fails for good, and the audit says so.
        let refused = try Self.run(["audit", "--endpoint-url", "http://127.0.0.1:9", "--quiet", "--region", "us-east-1"], in: scratch)
        #expect(refused.stderr.contains("warning: aws osis list-pipelines: OSIS ListPipelines failed (no response after 5 attempts): cannot connect to the endpoint"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("testing"), "no secret in the output")
    }
}
