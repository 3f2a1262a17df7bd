import AWSClient
import Foundation
import TestSupport
import Testing

/// The live audit's retry and error paths end to end: `accessgraph audit` (the built binary)
/// against `Tests/AccountFixtures/fault_server.py`, which checks every signature, injects the
/// scripted faults and passes the rest to a moto server holding the reference stack.
@Suite(.serialized) struct LiveAuditFaultTests {
    static let canRun = LiveAuditTests.canRun
    static let bucket = "opensearch-ddb-ingestion-backup-123456789012"
    static let table = "opensearch-ingestion-table"

    static func audit(_ server: FaultServer, _ arguments: [String], in scratch: TemporaryDirectory, secret: String = "testing") throws
        -> (status: Int32, stdout: String, stderr: String) {
        try LiveAuditTests.run(["audit", "--endpoint-url", server.url, "--quiet"] + arguments, in: scratch, environment: ["AWS_SECRET_ACCESS_KEY": secret])
    }

    @Test(.enabled(if: canRun, "needs moto[server] and boto3 (.ci/run installs them into .build/moto) and the built accessgraph"))
    func faultsTheRetriesOutlastChangeNothingAndLastingOnesLeaveOnlyWhatNeedsThemUnknown() throws {
        let (moto, scratch) = try LiveAuditTests.deployed()
        let expected = AuditCommandTests.statuses(accessgraph(["check"]).stdout)

        // Every protocol's throttling and server errors, each answered a few times, then passed on.
        let passing = try FaultServer(upstream: moto.url, faults: [
            .init("ListPipelines", "throttle", times: 2),
            .init("GetAccountAuthorizationDetails", "throttle", times: 1), .init("GetAccountAuthorizationDetails", "internal-error", times: 1),
            .init("DescribeTable", "too-many-requests", times: 1),
            .init("DescribeDomains", "bad-gateway", times: 1),
            .init("GetBucketPolicy", "throttle", times: 1),
            .init("ListIdentityPools", "throttle", times: 1),
        ], in: scratch)
        let recovered = try Self.audit(passing, ["--save-snapshot", scratch.path + "/recovered"], in: scratch)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(AuditCommandTests.statuses(recovered.stdout) == expected)
        #expect(passing.statuses(of: "ListPipelines") == [429, 429, 200], "REST-JSON ThrottlingException")
        #expect(passing.statuses(of: "GetAccountAuthorizationDetails") == [400, 500, 200], "Query Throttling, then InternalFailure")
        #expect(passing.statuses(of: "DescribeTable") == [429, 200], "a bare 429")
        #expect(passing.statuses(of: "DescribeDomains") == [502, 200], "an HTML 502 from a proxy")
        #expect(passing.statuses(of: "GetBucketPolicy") == [503, 200], "S3 SlowDown")
        #expect(passing.statuses(of: "ListIdentityPools") == [400, 200], "JSON ThrottlingException")
        #expect(recovered.stderr.isEmpty, "\(recovered.stderr)")
        // Every call it made is one `audit --print-policy` grants.
        #expect(passing.answers.filter { AuditOperation(rawValue: $0.operation) == nil }.isEmpty, "\(passing.answers)")

        // Faults that last: each fails its call for good, the rest of the audit runs and reports.
        let failing = try FaultServer(upstream: moto.url, faults: [
            .init("DescribeContinuousBackups", "internal-error"),
            .init("GetBucketPolicy", "slow", seconds: 10),
            .init("GetPublicAccessBlock", "truncated"),
            .init("DescribeIdentityPool", "html"),
        ], in: scratch)
        // moto takes seconds to list its ~1,500 managed policies on a busy machine: the timeout
        // leaves it room, and the slow answer is well past it.
        let failed = try Self.audit(failing, ["--call-timeout", "4", "--save-snapshot", scratch.path + "/failed"], in: scratch)
        #expect(failed.status == 0, "unknown is not a failure without --fail-on-unknown: \(failed.stderr)")
        #expect(AuditCommandTests.statuses(failed.stdout) == ["✓ trust.pipeline-role", "? source.dynamodb.export", "✓ source.dynamodb.stream", "? source.s3.export",
                                                             "✓ sink.opensearch", "? dashboards.cognito"])
        let backups = "DynamoDB DescribeContinuousBackups failed (HTTP 500 InternalServerException after 5 attempts): We encountered an internal error. Please try again."
        let policy = "S3 GetBucketPolicy failed (no response after 5 attempts): no answer within 4 s"
        #expect(failed.stderr.contains("warning: aws dynamodb describe-continuous-backups --table-name \(Self.table): \(backups)\n"), "\(failed.stderr)")
        #expect(failed.stderr.contains("warning: aws s3api get-bucket-policy --bucket \(Self.bucket): \(policy)\n"), "\(failed.stderr)")
        #expect(failed.stderr.contains("warning: aws s3api get-public-access-block --bucket \(Self.bucket): S3 GetPublicAccessBlock failed (HTTP 200): the response is not well-formed XML ("),
                "a truncated document is an error, not the part of it that parsed: \(failed.stderr)")
        #expect(failed.stderr.contains("Cognito Identity DescribeIdentityPool failed (HTTP 200): the response is not JSON (98 bytes, text/html; charset=utf-8)\n"), "\(failed.stderr)")
        #expect(!failed.stderr.contains("parser error"), "libxml2 says nothing on stderr")
        #expect(failing.statuses(of: "DescribeContinuousBackups").count == 5)
        #expect(failing.statuses(of: "GetPublicAccessBlock") == [200], "an answer that cannot be read is not asked again")
        // The checks that needed the missing outputs say which call failed and why.
        #expect(AuditCommandTests.unknownLine("source.dynamodb.export", in: failed.stdout)?.hasSuffix("(`aws dynamodb describe-continuous-backups --table-name \(Self.table)` prints it); fetching it failed: \(backups)") == true,
                "\(failed.stdout)")
        #expect(AuditCommandTests.unknownLine("source.s3.export", in: failed.stdout)?.contains("`aws s3api get-bucket-policy --bucket \(Self.bucket)`") == true)
        #expect(AuditCommandTests.unknownLine("source.s3.export", in: failed.stdout)?.contains("fetching it failed: \(policy)") == true, "\(failed.stdout)")
        // The pool's roles alone cannot pass Dashboards: whether guests may sign in is in the failed output.
        let dashboards = AuditCommandTests.unknownLine("dashboards.cognito", in: failed.stdout)
        #expect(dashboards?.contains("allows unauthenticated identities is unknown: ") == true, "\(failed.stdout)")
        #expect(dashboards?.hasSuffix("; fetching it failed: Cognito Identity DescribeIdentityPool failed (HTTP 200): the response is not JSON (98 bytes, text/html; charset=utf-8)") == true,
                "\(failed.stdout)")
        // The account's findings still come.
        #expect(failed.stdout.contains("security-warning domain.policy-open-to-account [zeroetld-"), "\(failed.stdout)")
        let strict = try Self.audit(failing, ["--call-timeout", "4", "--fail-on-unknown", "--pipeline-name", "opensearch-dynamodb-etl"], in: scratch)
        #expect(strict.status == 3)
    }

    @Test(.enabled(if: canRun, "needs python3 and the built accessgraph"))
    func aWrongSecretIsRefusedOnceAndNeverShown() throws {
        let scratch = try TemporaryDirectory()
        // Nothing gets past the signature check, so no upstream is needed.
        let server = try FaultServer(upstream: "http://127.0.0.1:9", faults: [], in: scratch)
        let secret = "not-the-secret-4f1c"
        let saved = scratch.path + "/saved"
        let audit = try Self.audit(server, ["--save-snapshot", saved], in: scratch, secret: secret)
        let mismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
        #expect(audit.stderr.contains("warning: aws osis list-pipelines: OSIS ListPipelines failed (HTTP 403 InvalidSignatureException): \(mismatch)\n"), "\(audit.stderr)")
        #expect(audit.stderr.contains("warning: aws iam get-account-authorization-details: IAM GetAccountAuthorizationDetails failed (HTTP 403 SignatureDoesNotMatch): \(mismatch)\n"))
        #expect(audit.stderr.contains("warning: aws cognito-identity list-identity-pools --max-results 60: Cognito Identity ListIdentityPools failed (HTTP 400 InvalidSignatureException): \(mismatch)\n"))
        #expect(Set(server.answers.map(\.operation)) == ["GetCallerIdentity", "ListPipelines", "ListDomainNames", "ListIdentityPools", "GetAccountAuthorizationDetails",
                                                         "DescribeOrganization"])
        #expect(server.answers.count == 6, "a refused signature is not retried")
        // Nothing was listed, so every check is unknown rather than a clean account.
        #expect(audit.status == 0)
        #expect(AuditCommandTests.unknownLine("trust.pipeline-role", in: audit.stdout) == "  ? trust.pipeline-role: the account's pipelines are unknown: they could not be listed (`aws osis list-pipelines`); fetching it failed: OSIS ListPipelines failed (HTTP 403 InvalidSignatureException): \(mismatch)",
                "\(audit.stdout)")
        let strict = try Self.audit(server, ["--fail-on-unknown"], in: scratch, secret: secret)
        #expect(strict.status == 3)
        let savedText = try FileManager.default.contentsOfDirectory(atPath: saved).map { try String(contentsOfFile: saved + "/" + $0, encoding: .utf8) }.joined()
        #expect(![audit.stdout, audit.stderr, savedText].contains { $0.contains(secret) }, "no secret in the output or the snapshot")
    }

    @Test func badLiveOptionsAreRefusedBeforeAnyCall() throws {
        let audit = accessgraph(["audit", "--call-timeout", "0", "--region", "us-east-1"])
        #expect(audit.status == 64)
        #expect(audit.stderr.contains("--call-timeout must be a positive number of seconds"), "\(audit.stderr)")
        let earlier = try TemporaryDirectory()
        try earlier.write("list-pipelines.json", #"{"Pipelines": []}"#)
        let reused = accessgraph(["audit", "--save-snapshot", earlier.path, "--region", "us-east-1"])
        #expect(reused.status == 2)
        #expect(reused.stderr.contains("error[io.not-empty]: `\(earlier.path)` is not empty: a live audit saves into a new or empty directory"), "\(reused.stderr)")
    }
}
