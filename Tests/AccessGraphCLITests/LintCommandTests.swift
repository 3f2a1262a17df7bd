import Foundation
import TestSupport
import Testing

@Suite struct LintCommandTests {
    static let cleanPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Sid": "ReadExports",
        "Effect": "Allow",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::orders-export/ddb-export/*"
      }]
    }
    """

    static let brokenPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "s3:GetObjekt",
        "Resource": "arn:aws:s3:::orders-export/*"
      }]
    }
    """

    /// Only a warning: a wildcard in `StringEquals`.
    static let warningPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::orders-export/*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data-*"}}
      }]
    }
    """

    static let trustPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "osis-pipelines.amazonaws.com"},
        "Action": "sts:AssumeRole"
      }]
    }
    """

    @Test func cleanPolicyExitsZeroAndPrintsTheGuessedType() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("clean.json", Self.cleanPolicy)
        let run = accessgraph(["lint", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
        \(file): policy type identity (guessed; use --type to set it)
        0 errors, 0 security warnings, 0 warnings, 0 suggestions in 1 file

        """)
    }

    @Test func anErrorExitsThreeWithLocatedLinesAndHelp() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("broken.json", Self.brokenPolicy)
        let run = accessgraph(["lint", file, "--type", "identity"])
        #expect(run.status == 3)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("\(file):5:15: error[lint.unknown-action]: unknown action `s3:GetObjekt`: `s3` has no such action in the service catalogue of ") == true)
        #expect(lines.dropFirst().first?.hasPrefix("  help: ") == true)
        #expect(lines.dropFirst(2).first == "1 error, 0 security warnings, 0 warnings, 0 suggestions in 1 file")
        #expect(lines.last == "")
    }

    @Test func failOnDecidesWhichSeverityFails() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("warning.json", Self.warningPolicy)
        let lenient = accessgraph(["lint", file])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("\(file):7:61: warning[lint.wildcard-without-like-operator]: "))
        #expect(lenient.stdout.hasSuffix("0 errors, 0 security warnings, 1 warning, 0 suggestions in 1 file\n"))
        #expect(accessgraph(["lint", file, "--fail-on", "warning"]).status == 3)
        #expect(accessgraph(["lint", file, "--fail-on", "security-warning"]).status == 0)
        #expect(accessgraph(["lint", file, "--fail-on", "suggestion"]).status == 3)
    }

    @Test func guessesATrustPolicyAndAppliesItsRules() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("trust.json", Self.trustPolicy)
        let run = accessgraph(["lint", file, "--fail-on", "security-warning"])
        #expect(run.status == 3)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(file): policy type trust (guessed; use --type to set it)")
        #expect(lines.contains { $0.hasPrefix("\(file):5:30: security-warning[lint.service-principal-without-source]: ") })
        // Linted as the wrong type on purpose, the same file breaks identity-policy grammar.
        let asIdentity = accessgraph(["lint", file, "--type", "identity"])
        #expect(asIdentity.status == 3)
        #expect(!asIdentity.stdout.contains("guessed"))
        #expect(asIdentity.stdout.contains("\(file):5:18: error[lint.principal-not-allowed]: `Principal` is not allowed in an identity-based policy"))
    }

    @Test func anUnreadableFileExitsTwoAndTheOthersAreStillLinted() throws {
        let directory = try TemporaryDirectory()
        let broken = try directory.write("broken.json", Self.brokenPolicy)
        let clean = try directory.write("clean.json", Self.cleanPolicy)
        let missing = directory.path + "/missing.json"
        let run = accessgraph(["lint", missing, broken, directory.path, clean])
        #expect(run.status == 2)
        #expect(run.stdout.contains("\(missing): error[io.not-found]: no such file\n"))
        #expect(run.stdout.contains("\(directory.path): error[io.is-directory]: expected a file, found a directory\n"))
        #expect(run.stdout.contains("\(broken):5:15: error[lint.unknown-action]: "))
        #expect(run.stdout.contains("\(clean): policy type identity (guessed; use --type to set it)\n"))
        #expect(run.stdout.hasSuffix("3 errors, 0 security warnings, 0 warnings, 0 suggestions in 4 files\n"))
    }

    /// IAM accepts policies of at most 32 KB; a file past `InputLimits.policyBytes` (1 MiB) is bad
    /// input, refused before it is read into a tree (which takes up to 40 bytes per value).
    @Test func anOversizedPolicyIsRefusedUnread() throws {
        let directory = try TemporaryDirectory()
        let values = String(repeating: "1,", count: 600_000)
        let file = try directory.write("huge.json", "{\"Version\": \"2012-10-17\", \"Statement\": [], \"Padding\": [\(values)1]}")
        let size = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        let run = accessgraph(["lint", file])
        #expect(run.status == 2)
        #expect(run.stdout == """
        \(file):1:1: error[policy.too-large]: the policy is \(size) bytes, more than the limit of 1048576
          help: IAM accepts policies of at most 32 KB (key policies), managed policies of at most 6,144 characters
        1 error, 0 security warnings, 0 warnings, 0 suggestions in 1 file

        """)
        let simulate = accessgraph(["simulate", "--action", "s3:GetObject", "--identity-policy", file])
        #expect(simulate.status == 2)
        #expect(simulate.stderr.contains("\(file):1:1: error[policy.too-large]: the policy is \(size) bytes"), "\(simulate.stderr)")
    }

    @Test func parseErrorsAreReportedAsErrorDiagnostics() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("bad.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\",}]}")
        let run = accessgraph(["lint", file])
        // A file that does not parse is bad input, as for every command.
        #expect(run.status == 2)
        #expect(run.stdout == """
        \(file):1:95: error[json.expected-key]: unexpected `}`, expected a quoted member name
        1 error, 0 security warnings, 0 warnings, 0 suggestions in 1 file

        """)
    }

    @Test func jsonFormatListsDiagnosticsSummaryAndTypes() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("broken.json", Self.brokenPolicy)
        let run = accessgraph(["lint", file, "--format", "json"])
        #expect(run.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == file)
        #expect(first["line"] as? Int == 5)
        #expect(first["column"] as? Int == 15)
        #expect(first["severity"] as? String == "error")
        #expect(first["code"] as? String == "lint.unknown-action")
        #expect((first["help"] as? String)?.isEmpty == false)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["securityWarnings"] as? Int == 0)
        #expect(summary["files"] as? Int == 1)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.first?["type"] as? String == "identity")
        #expect(files.first?["typeGuessed"] as? Bool == true)
    }

    @Test func badOptionsAreUsageErrors() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("clean.json", Self.cleanPolicy)
        #expect(accessgraph(["lint", file, "--type", "bucket"]).status == 64)
        #expect(accessgraph(["lint", file, "--fail-on", "fatal"]).status == 64)
        #expect(accessgraph(["lint"]).status == 64)
    }
}
