import AWSClient
import Foundation
import ServiceCatalog
import TestSupport
import Testing

/// `accessgraph audit --snapshot DIR`: what the AWS CLI prints about a deployed account, checked
/// like a template. The fixtures are the reference stack deployed into moto and saved as the CLI
/// prints it (Tests/AccountFixtures/reference_account.py).
@Suite struct AuditCommandTests {
    static let reference = Repository.url("Tests/AccountFixtures/reference-stack").path
    static let brokenSink = Repository.url("Tests/AccountFixtures/broken-sink").path
    /// The reference account as a member of an organization whose OU's SCP denies `es:ESHttp*`.
    static let scpDenyES = Repository.url("Tests/AccountFixtures/scp-deny-es").path

    /// The statuses per check in a text report, in order.
    static func statuses(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), let mark = line.dropFirst(2).first, "✓✗?-".contains(mark) else { return nil }
            return "\(mark) " + String(line.dropFirst(4).prefix { $0 != ":" })
        }
    }

    /// The line of an unknown `check` in a text report.
    static func unknownLine(_ check: String, in report: String) -> String? {
        report.split(separator: "\n").first { $0.hasPrefix("  ? \(check): ") }.map(String.init)
    }

    /// A copy of a fixture without some of its files, for the "a piece is missing" cases.
    static func copy(_ fixture: String, without removed: [String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture) where !removed.contains(where: { name.hasSuffix($0) }) {
            try FileManager.default.copyItem(atPath: fixture + "/" + name, toPath: directory.path + "/" + name)
        }
        return directory
    }

    /// A copy of `fixture` whose account runs a second pipeline, `orders-etl`, configured as the first.
    static func withSecondPipeline(_ fixture: String) throws -> TemporaryDirectory {
        let directory = try copy(fixture, without: [])
        let original = try String(contentsOfFile: fixture + "/opensearch-dynamodb-etl.get-pipeline.json", encoding: .utf8)
        try directory.write("orders-etl.get-pipeline.json", original.replacingOccurrences(of: "\"opensearch-dynamodb-etl\"", with: "\"orders-etl\"")
            .replacingOccurrences(of: "pipeline/opensearch-dynamodb-etl\"", with: "pipeline/orders-etl\""))
        return directory
    }

    @Test func theDeployedReferenceStackGetsTheTemplatesStatuses() throws {
        let audit = accessgraph(["audit", "--snapshot", Self.reference, "--region", "us-east-1"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let template = accessgraph(["check"])
        #expect(Self.statuses(audit.stdout) == Self.statuses(template.stdout))
        #expect(Self.statuses(audit.stdout).count == 6)
        // Headed by the command, the account and region, and the snapshot read.
        #expect(audit.stdout.hasPrefix("AccessGraph audit: account 123456789012 in us-east-1, snapshot \(Self.reference): pipeline opensearch-dynamodb-etl\n"), "\(audit.stdout)")
        // The account's findings come once, after the pipelines, pointing into the files.
        #expect(audit.stdout.contains("\nAccessGraph audit: account 123456789012 in us-east-1, snapshot \(Self.reference): account\n"))
        #expect(audit.stdout.contains("security-warning overprivilege.pipeline-role [DashboardStack-OpenSearchIngestionRoleZeroETL-F97976C439BE] (\(Self.reference)/get-account-authorization-details.json:"))
        #expect(audit.stdout.contains("security-warning domain.policy-open-to-account [zeroetld-90ac872faf88da587e] (\(Self.reference)/describe-domains.json:"))
        // Account-wide: every role trusting a service without a source condition, every principal
        // that may pass every role.
        #expect(audit.stdout.contains("security-warning trust.no-source-condition [DashboardStack-AWS679f53fac002430cb0da5b7982bd2287Servi-A0105AA24A9D] (\(Self.reference)/get-account-authorization-details.json:"))
        #expect(audit.stdout.contains("warning iam.pass-role-on-star [DashboardStack-OpenSearchIngestionRoleZeroETL-F97976C439BE] (\(Self.reference)/get-account-authorization-details.json:"),
                "\(audit.stdout)")
        #expect(!accessgraph(["check"]).stdout.contains("iam.pass-role-on-star"), "a stack's check keeps to the pipeline")
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

    /// A missing output leaves what needs it unknown and names the command that prints it; in an
    /// organization, a missing organization output leaves what an SCP or RCP could refuse unknown.
    @Test(arguments: [
        (reference, ".describe-continuous-backups.json", "source.dynamodb.export",
         "the inputs do not say whether point-in-time recovery is on for `opensearch-ingestion-table` (`aws dynamodb describe-continuous-backups --table-name opensearch-ingestion-table` prints it)"),
        (reference, ".get-bucket-policy.json", "source.s3.export",
         "the snapshot has no `get-bucket-policy` output for `opensearch-ddb-ingestion-backup-123456789012` (`aws s3api get-bucket-policy --bucket opensearch-ddb-ingestion-backup-123456789012`; save `{}` when the bucket has none)"),
        (reference, ".get-pipeline.json", "trust.pipeline-role",
         "the configuration of pipeline `opensearch-dynamodb-etl` is unknown: the snapshot lists it but holds no `get-pipeline` output for it (`aws osis get-pipeline --pipeline-name opensearch-dynamodb-etl` prints it)"),
        (scpDenyES, "ou-pvvp-np71a9yt.list-parents.json", "source.dynamodb.export",
         "may `dynamodb:DescribeTable` on `arn:aws:dynamodb:us-east-1:123456789012:table/opensearch-ingestion-table` is unknown: the snapshot does not say where `ou-pvvp-np71a9yt` sits in its organization (`aws organizations list-parents --child-id ou-pvvp-np71a9yt`)"),
        (scpDenyES, "RESOURCE_CONTROL_POLICY.list-policies.json", "trust.pipeline-role",
         "is unknown: the snapshot does not list the organization's RCPs (`aws organizations list-policies --filter RESOURCE_CONTROL_POLICY`)"),
        (scpDenyES, "p-l5dmw0o3.describe-policy.json", "sink.opensearch",
         "is unknown: the snapshot has no `describe-policy` output for SCP `DenyOpenSearchHTTP` (`aws organizations describe-policy --policy-id p-l5dmw0o3`)"),
        (scpDenyES, "p-l5dmw0o3.list-targets-for-policy.json", "sink.opensearch",
         "the snapshot does not say where SCP `DenyOpenSearchHTTP` is attached (`aws organizations list-targets-for-policy --policy-id p-l5dmw0o3`)"),
    ])
    func aMissingOutputNamesTheCommandThatPrintsIt(fixture: String, removed: String, check: String, reason: String) throws {
        let directory = try Self.copy(fixture, without: [removed])
        let audit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
        let line = Self.unknownLine(check, in: audit.stdout)
        #expect(line?.contains(reason) == true, "\(line ?? "no unknown \(check)"): \(audit.stdout)")
        #expect(accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1", "--fail-on-unknown"]).status == 3)
        if fixture == Self.reference { #expect(audit.status == 0, "\(audit.stderr)") }
    }

    /// Whatever output is missing, every unknown check of the audit says first what is unknown.
    @Test func everyUnknownReasonOfAnIncompleteSnapshotSaysWhatIsUnknown() throws {
        var unknown = 0
        for fixture in [Self.reference, Self.scpDenyES] {
            for removed in try FileManager.default.contentsOfDirectory(atPath: fixture).sorted() where removed != "list-pipelines.json" {
                let directory = try Self.copy(fixture, without: [removed])
                let audit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
                for line in audit.stdout.split(separator: "\n") where line.hasPrefix("  ? ") {
                    unknown += 1
                    let reason = String(line.drop { $0 != ":" }.dropFirst(2))
                    #expect(UnknownReasonPhrasing.problems(reason).isEmpty, "without \(removed): \(UnknownReasonPhrasing.problems(reason)) — \(line)")
                }
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
    }

    @Test func markdownNamesTheAuditAndTheAccount() throws {
        let markdown = accessgraph(["audit", "--snapshot", Self.reference, "--format", "markdown"])
        #expect(markdown.status == 0)
        // Without --region the account comes from the outputs' ARNs, and no region is claimed.
        #expect(markdown.stdout.hasPrefix("## AccessGraph audit: `account 123456789012, snapshot \(Self.reference): pipeline opensearch-dynamodb-etl`\n"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("\n## AccessGraph audit: `account 123456789012, snapshot \(Self.reference): account`\n"), "\(markdown.stdout)")
        #expect(!markdown.stdout.contains("AccessGraph check"))
    }

    /// SARIF and JUnit are one document for the account, each pipeline's checks apart: a result
    /// and a test case per pipeline, named by it, with fingerprints that differ.
    @Test func sarifAndJUnitKeepEachPipelinesChecksApart() throws {
        let directory = try Self.withSecondPipeline(Self.brokenSink)
        let sarif = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1", "--format", "sarif"])
        #expect(sarif.status == 3, "both pipelines fail the sink: \(sarif.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let runs = try #require(document["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let sinks = results.filter { $0["ruleId"] as? String == "sink.opensearch" }
        let messages = sinks.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(messages.count == 2)
        #expect(messages.contains { $0.hasPrefix("`opensearch-dynamodb-etl`: ") } && messages.contains { $0.hasPrefix("`orders-etl`: ") }, "\(messages)")
        #expect(sinks.allSatisfy { $0["level"] as? String == "error" })
        let fingerprints = sinks.compactMap { $0["partialFingerprints"] as? [String: String] }
        #expect(fingerprints.count == 2 && fingerprints[0] != fingerprints[1], "\(fingerprints)")
        #expect(results.contains { $0["ruleId"] as? String == "domain.policy-open-to-account" }, "the account's findings too")

        let junit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1", "--format", "junit"])
        #expect(junit.status == 3)
        #expect(junit.stdout.contains(#"<testsuite name="accessgraph.checks" tests="11" failures="2" skipped="0">"#), "\(junit.stdout)")
        for pipeline in ["opensearch-dynamodb-etl", "orders-etl"] {
            #expect(junit.stdout.contains(#"<testcase classname="pipeline" name="sink.opensearch [\#(pipeline)]">"#), "\(junit.stdout)")
            #expect(junit.stdout.contains(#"<testcase classname="pipeline" name="trust.pipeline-role [\#(pipeline)]"/>"#))
        }
        #expect(junit.stdout.contains(#"<testcase classname="pipeline" name="dashboards.cognito"/>"#), "one domain needs no label")
        #expect(junit.stdout.components(separatedBy: "<testsuites>").count == 2, "one document")
    }

    // MARK: Organizations

    @Test func anSCPOfTheAccountsOUThatDeniesSearchFailsTheSinkAndDashboards() throws {
        let audit = accessgraph(["audit", "--snapshot", Self.scpDenyES, "--region", "us-east-1"])
        #expect(audit.status == 3, "\(audit.stderr)")
        #expect(audit.stderr.isEmpty, "every organization output is read: \(audit.stderr)")
        #expect(Self.statuses(audit.stdout) == ["✓ trust.pipeline-role", "✓ source.dynamodb.export", "✓ source.dynamodb.stream", "✓ source.s3.export",
                                                "✗ sink.opensearch", "✗ dashboards.cognito"])
        #expect(audit.stdout.contains("needs `es:ESHttpGet` on `arn:aws:es:us-east-1:123456789012:domain/zeroetld-90ac872faf88da587e/`: ExplicitDeny — explicitly denied by SCP DenyOpenSearchHTTP statement 0 (NoSearchData)"),
                "\(audit.stdout)")
    }

    @Test func theManagementAccountIsNotGovernedByItsOrganizationsPolicies() throws {
        let directory = try Self.copy(Self.scpDenyES, without: ["describe-organization.json"])
        let organization = try String(contentsOfFile: Self.scpDenyES + "/describe-organization.json", encoding: .utf8)
        try directory.write("describe-organization.json", organization.replacingOccurrences(of: #""MasterAccountId": "210987654321""#, with: #""MasterAccountId": "123456789012""#))
        let audit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
        #expect(audit.status == 0, "\(audit.stdout)")
        #expect(Self.statuses(audit.stdout) == Self.statuses(accessgraph(["check"]).stdout))
    }

    @Test func anEmptyPolicyListNamesItsTypeByTheFileName() throws {
        // An organization without RCPs lists none; the file name says which type is empty.
        let directory = try Self.copy(Self.scpDenyES, without: ["RESOURCE_CONTROL_POLICY.list-policies.json"])
        try directory.write("RESOURCE_CONTROL_POLICY.list-policies.json", #"{"Policies": []}"#)
        let audit = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
        #expect(Self.statuses(audit.stdout).first == "✓ trust.pipeline-role", "\(audit.stdout)")
        try directory.write("list-policies.json", #"{"Policies": []}"#)
        let unnamed = accessgraph(["audit", "--snapshot", directory.path, "--region", "us-east-1"])
        #expect(unnamed.stderr == "\(directory.path)/list-policies.json: note: not an AWS CLI output audit reads; skipped\n")
    }

    // MARK: The policy a live audit needs

    @Test func theREADMEShowsThePolicyAuditPrintsAndLintPassesIt() throws {
        let printed = accessgraph(["audit", "--print-policy"])
        #expect(printed.status == 0)
        let readme = try String(contentsOf: Repository.url("README.md"), encoding: .utf8)
        let intro = try #require(readme.range(of: "`accessgraph audit --print-policy` prints the"))
        let start = try #require(readme.range(of: "```json\n", range: intro.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```\n", range: start.upperBound..<readme.endIndex))
        #expect(String(readme[start.upperBound..<end.lowerBound]) == printed.stdout, "README.md shows what `audit --print-policy` prints")
        let directory = try TemporaryDirectory()
        let file = try directory.write("audit-policy.json", printed.stdout)
        let lint = accessgraph(["lint", file, "--type", "identity", "--fail-on", "suggestion"])
        #expect(lint.status == 0, "every action is one the catalogue knows: \(lint.stdout)")
    }

    @Test func everyCallOfTheAuditHasItsActionInThePolicy() throws {
        let printed = accessgraph(["audit", "--print-policy"]).stdout
        let catalogue = try ServiceCatalogue.embedded()
        for operation in AuditOperation.allCases {
            guard let action = operation.iamAction else {
                #expect(operation == .getCallerIdentity, "only GetCallerIdentity needs no permission")
                continue
            }
            #expect(printed.contains("\"\(action)\""), "\(operation.rawValue) needs \(action)")
            #expect(catalogue.action(action)?.name.caseInsensitiveCompare(operation.rawValue) == .orderedSame || operation.service == .s3,
                    "\(action) is the operation's own action (S3 names its own)")
        }
    }
}
