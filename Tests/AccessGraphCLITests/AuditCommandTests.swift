import Foundation
import TestSupport
import Testing

/// `accessgraph audit --snapshot DIR`: what the AWS CLI prints about a deployed account, checked
/// like a template. The fixtures are the reference stack deployed into moto and saved as the CLI
/// prints it (Tests/AccountFixtures/reference_account.py).
@Suite struct AuditCommandTests {
    static let reference = Repository.url("Tests/AccountFixtures/reference-stack").path
    static let brokenSink = Repository.url("Tests/AccountFixtures/broken-sink").path

    /// The statuses per check in a text report, in order.
    static func statuses(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), let mark = line.dropFirst(2).first, "✓✗?-".contains(mark) else { return nil }
            return "\(mark) " + String(line.dropFirst(4).prefix { $0 != ":" })
        }
    }

    /// A copy of a fixture without some of its files, for the "a piece is missing" cases.
    static func copy(_ fixture: String, without removed: [String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture) where !removed.contains(where: { name.hasSuffix($0) }) {
            try FileManager.default.copyItem(atPath: fixture + "/" + name, toPath: directory.path + "/" + name)
        }
        return directory
    }

    @Test func theDeployedReferenceStackGetsTheTemplatesStatuses() throws {
        let audit = accessgraph(["audit", "--snapshot", Self.reference, "--region", "us-east-1"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let template = accessgraph(["check"])
        #expect(Self.statuses(audit.stdout) == Self.statuses(template.stdout))
        #expect(Self.statuses(audit.stdout).count == 6)
        #expect(audit.stdout.hasPrefix("AccessGraph check: \(Self.reference): pipeline opensearch-dynamodb-etl\n"))
        // The account's findings come once, after the pipelines, pointing into the files.
        #expect(audit.stdout.contains("AccessGraph check: \(Self.reference): account\n"))
        #expect(audit.stdout.contains("security-warning overprivilege.pipeline-role [DashboardStack-OpenSearchIngestionRoleZeroETL-F97976C439BE] (\(Self.reference)/get-account-authorization-details.json:"))
        #expect(audit.stdout.contains("security-warning domain.policy-open-to-account [zeroetld-90ac872faf88da587e] (\(Self.reference)/describe-domains.json:"))
        // Byte-stable.
        #expect(accessgraph(["audit", "--snapshot", Self.reference, "--region", "us-east-1"]).stdout == audit.stdout)
    }

    @Test func aPipelineRoleWithoutDomainAccessFailsTheSink() throws {
        let audit = accessgraph(["audit", "--snapshot", Self.brokenSink, "--region", "us-east-1"])
        #expect(audit.status == 3)
        #expect(Self.statuses(audit.stdout) == ["✓ trust.pipeline-role", "✓ source.dynamodb.export", "✓ source.dynamodb.stream", "✓ source.s3.export",
                                                "✗ sink.opensearch", "✓ dashboards.cognito"])
        #expect(audit.stdout.contains("needs `es:DescribeDomain` on `arn:aws:es:us-east-1:123456789012:domain/zeroetld-90ac872faf88da587e`: ImplicitDeny"))
    }

    /// A missing output leaves what needs it unknown and names the command that prints it.
    @Test(arguments: [
        (".describe-continuous-backups.json", "source.dynamodb.export",
         "the inputs do not say whether point-in-time recovery is on for `opensearch-ingestion-table` (`aws dynamodb describe-continuous-backups --table-name opensearch-ingestion-table` prints it)"),
        (".get-bucket-policy.json", "source.s3.export",
         "the snapshot has no `get-bucket-policy` output for `opensearch-ddb-ingestion-backup-123456789012` (`aws s3api get-bucket-policy --bucket opensearch-ddb-ingestion-backup-123456789012`; save `{}` when the bucket has none)"),
        (".get-pipeline.json", "trust.pipeline-role",
         "the configuration of pipeline `opensearch-dynamodb-etl` is unknown: the snapshot lists it but holds no `get-pipeline` output for it (`aws osis get-pipeline --pipeline-name opensearch-dynamodb-etl` prints it)"),
    ])
    func aMissingOutputNamesTheCommandThatPrintsIt(removed: String, check: String, reason: String) throws {
        let directory = try Self.copy(Self.reference, without: [removed])
        let audit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let line = audit.stdout.split(separator: "\n").first { $0.hasPrefix("  ? \(check): ") }
        #expect(line?.contains(reason) == true, "\(line ?? "no unknown \(check)"): \(audit.stdout)")
        #expect(accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1", "--fail-on-unknown"]).status == 3)
    }

    /// Whatever output is missing, every unknown check of the audit says first what is unknown.
    @Test func everyUnknownReasonOfAnIncompleteSnapshotSaysWhatIsUnknown() throws {
        var unknown = 0
        for removed in try FileManager.default.contentsOfDirectory(atPath: Self.reference).sorted() where removed != "list-pipelines.json" {
            let directory = try Self.copy(Self.reference, without: [removed])
            let audit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
            for line in audit.stdout.split(separator: "\n") where line.hasPrefix("  ? ") {
                unknown += 1
                let reason = String(line.drop { $0 != ":" }.dropFirst(2))
                #expect(UnknownReasonPhrasing.problems(reason).isEmpty, "without \(removed): \(UnknownReasonPhrasing.problems(reason)) — \(line)")
            }
        }
        #expect(unknown >= 10, "the missing outputs leave checks unknown")
    }

    @Test func aBucketWithoutAPolicyIsSavedAsAnEmptyObject() throws {
        let directory = try Self.copy(Self.reference, without: [".get-bucket-policy.json"])
        _ = try directory.write("opensearch-ddb-ingestion-backup-123456789012.get-bucket-policy.json", "{}\n")
        let audit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
        #expect(audit.stdout.contains("  ✓ source.s3.export: "), "\(audit.stdout)")
    }

    @Test func anOutputThatNamesNoResourceNeedsAFileNameThatDoes() throws {
        let directory = try Self.copy(Self.reference, without: [])
        let file = try directory.write("policy.json", #"{"Policy": "{\"Version\": \"2012-10-17\", \"Statement\": []}"}"#)
        let audit = accessgraph(["audit", "--snapshot", directory.path])
        #expect(audit.status == 2)
        #expect(audit.stderr.hasPrefix("\(file):1:1: error[snapshot.unnamed-output]: this policy does not say which bucket or key it is for"), "\(audit.stderr)")
    }

    @Test func badInputIsPositionedAndUnknownFilesAreNoted() throws {
        let directory = try Self.copy(Self.reference, without: [])
        let notes = try directory.write("notes.json", #"{"Owner": "team-search"}"#)
        let audit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
        #expect(audit.status == 0)
        #expect(audit.stderr == "\(notes): note: not an AWS CLI output audit reads; skipped\n")

        let broken = try directory.write("zz.describe-table.json", "{\"Table\": {\"TableName\": \"t\",\n  \"TableArn\": 42}}")
        let bad = accessgraph(["audit", "--snapshot", directory.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("\(broken):2:15: error[snapshot.invalid]: `TableArn` must be a string, found number"), "\(bad.stderr)")

        let missing = accessgraph(["audit", "--snapshot", directory.path + "/nowhere"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error[io.not-a-directory]"))
    }

    @Test func pipelinesAreChosenByName() throws {
        let chosen = accessgraph(["audit", "--snapshot", Self.reference, "--pipeline-name", "opensearch-dynamodb-etl", "--format", "json"])
        #expect(chosen.status == 0)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(chosen.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2, "the pipeline and the account")
        let unknown = accessgraph(["audit", "--snapshot", Self.reference, "--pipeline-name", "orders"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no pipeline named `orders` in the snapshot; it has `opensearch-dynamodb-etl`"), "\(unknown.stderr)")
        #expect(accessgraph(["audit", "--snapshot", Self.reference, "--format", "sarif"]).status == 2)
    }
}
