import Foundation
import TestSupport
import Testing

/// `accessgraph` runs in CI on templates a pull request wrote, and its output is trusted: names
/// cannot forge lines, SARIF points at files with valid URIs, and JUnit and SARIF fail exactly
/// what the exit code fails.
@Suite struct SafeOutputCommandTests {
    static let forged = "x\nfile.json:1:1: error[x]: forged"

    /// No raw control, separator or bidi character, and no line that pretends to be a diagnostic.
    static func expectNoForgedLines(_ output: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!output.split(separator: "\n").contains { $0.hasPrefix("file.json:1:1") }, "\(output)", sourceLocation: sourceLocation)
        #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\r" || $0 == "\u{2028}" },
                sourceLocation: sourceLocation)
    }

    /// The reference stack's template under a hostile file name: every place it is printed stays
    /// on its line, escaped.
    @Test func aHostileTemplateFileNameStaysOnItsLine() throws {
        let directory = try TemporaryDirectory()
        let template = try directory.write(Self.forged + "\u{1B}[31m\u{202E}.json", SeedStack.File.concreteTemplate.text)
        let run = accessgraph(["check", "--template", template, "--account", "123456789012", "--region", "us-east-1"])
        #expect(run.status == 0, "\(run.stderr)")
        Self.expectNoForgedLines(run.stdout)
        #expect(run.stdout.hasPrefix(#"AccessGraph check: "# + directory.path + #"/x\nfile.json:1:1: error[x]: forged\u{1B}[31m\u{202E}.json"#))

        // A policy file named the same way, linted: the guess line and the diagnostics.
        let policy = try directory.write(Self.forged + ".json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:NoSuchAction", "Resource": "*"}]}"#)
        let lint = accessgraph(["lint", policy])
        #expect(lint.status == 3, "\(lint.output)")
        Self.expectNoForgedLines(lint.stdout)
        #expect(lint.stdout.contains(directory.path + #"/x\nfile.json:1:1: error[x]: forged.json:1:"#))

        // And as a missing file, reported among the diagnostics.
        let missing = accessgraph(["lint", directory.path + "/" + Self.forged + "-missing.json"])
        #expect(missing.status == 2)
        Self.expectNoForgedLines(missing.output)
        #expect(missing.stdout.contains(#"x\nfile.json:1:1: error[x]: forged-missing.json: error[io.not-found]"#))
    }

    @Test func simulateEscapesSidsAndCaseIds() throws {
        let directory = try TemporaryDirectory()
        let sid = Self.forged.replacingOccurrences(of: "\n", with: "\\n")
        let policy = try directory.write("p.json", #"{"Statement": [{"Sid": "\#(sid)\u001b[2J", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#)
        let run = accessgraph(["simulate", "--principal", "arn:aws:iam::111122223333:role/R", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--identity-policy", policy])
        #expect(run.status == 0, "\(run.output)")
        Self.expectNoForgedLines(run.stdout)
        #expect(run.stdout.contains(#"allowed by: \#(policy) statement 0 (x\nfile.json:1:1: error[x]: forged\u{1B}[2J) at 1:16"#), "\(run.stdout)")

        let failing = #"""
            {"schema": "accessgraph-case/v1", "id": "\#(sid)",
             "request": {"principal": "arn:aws:iam::111122223333:role/R", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "context": {}},
             "policies": {"identity": [], "session": null, "permissionBoundary": null, "resource": null, "scp": [], "rcp": []},
             "expected": {"decision": "Allow"}}
            """#
        try directory.write("cases/forged.json", failing)
        let cases = accessgraph(["simulate", "--cases", directory.path + "/cases"])
        #expect(cases.status == 1, "\(cases.output)")
        Self.expectNoForgedLines(cases.stdout)
        #expect(cases.stdout.hasPrefix(#"FAIL x\nfile.json:1:1: error[x]: forged ("#))
    }

    @Test func aLogicalIdCloudFormationRejectsIsBadInput() throws {
        let directory = try TemporaryDirectory()
        let template = try directory.write("t.json", "{\n  \"Resources\": {\n    \"My-Bucket\": {\"Type\": \"AWS::S3::Bucket\"}\n  }\n}\n")
        let run = accessgraph(["check", "--template", template])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("\(template):3:5: error[template.invalid-logical-id]: resource logical id `My-Bucket` has characters other than letters A-Z, a-z and digits 0-9\n"))
        #expect(run.stderr.contains("  help: CloudFormation accepts only 1 to 255 letters and digits (A-Za-z0-9) as a logical id"))
    }

    static func sarif(_ text: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require((object["runs"] as? [[String: Any]])?.first)
    }

    static func uris(_ run: [String: Any]) -> Set<[String: String]> {
        Set((run["results"] as? [[String: Any]] ?? []).compactMap { result in
            ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String]
        })
    }

    /// A name with spaces, `#`, `%` and a non-ASCII letter, below `--sarif-base`: one relative,
    /// percent-encoded URI under `%SRCROOT%`, which the run maps to the base.
    @Test func sarifURIsAreRelativeToTheBaseAndEncoded() throws {
        let directory = try TemporaryDirectory()
        let template = try directory.write("cdk out/My Stack #1 100% é.json", SeedStack.File.concreteTemplate.text)
        let arguments = ["check", "--template", template, "--account", "123456789012", "--region", "us-east-1", "--format", "sarif"]
        let based = accessgraph(arguments + ["--sarif-base", directory.path])
        #expect(based.status == 0, "\(based.stderr)")
        let run = try Self.sarif(based.stdout)
        #expect(Self.uris(run) == [["uri": "cdk%20out/My%20Stack%20%231%20100%25%20%C3%A9.json", "uriBaseId": "%SRCROOT%"]])
        let base = ((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])?["uri"] as? String
        #expect(base == "file://" + directory.path + "/")
        // Every URI is a valid reference that Foundation reads back to the file.
        let uri = try #require(Self.uris(run).first?["uri"])
        #expect(URL(string: uri, relativeTo: URL(string: try #require(base)))?.path == template)

        // The working directory is not above the temporary directory: an absolute file URI.
        let unbased = try Self.sarif(accessgraph(arguments).stdout)
        let absolute = try #require(Self.uris(unbased).first?["uri"])
        #expect(URL(string: absolute)?.path == template)
        #expect(absolute.hasPrefix("file:///") && absolute.hasSuffix("/cdk%20out/My%20Stack%20%231%20100%25%20%C3%A9.json"))

        let missing = accessgraph(arguments + ["--sarif-base", directory.path + "/nowhere"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("--sarif-base: error[usage.invalid-sarif-base]: `\(directory.path)/nowhere` is not a directory"))
    }

    /// A stack whose pipeline role is not in the template: the checks that need it are unknown.
    static func stackWithUnknownChecks() -> TestStack {
        let elsewhere: TestValue = "arn:aws:iam::123456789012:role/IngestionElsewhere"
        let configuration = TestPipeline(
            table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/"), role: elsewhere, sink: .domain("Search", role: elsewhere))
        return TestStack()
            .table("Orders", name: "orders")
            .bucket("Exports", name: "orders-exports")
            .domain("Search", name: "orders-search")
            .pipeline("Pipeline", role: elsewhere, configuration: configuration, logging: true)
    }

    static let severities = ["suggestion", "warning", "security-warning", "error"]

    /// For each flag, on the reference stack (findings of three severities) and on a stack with
    /// unknown checks: exit 3 exactly when JUnit has a `<failure>` and SARIF an `error`, and both
    /// count what the gate refuses in the JSON report.
    @Test func junitAndSarifAgreeWithTheExitCode() throws {
        let directory = try TemporaryDirectory()
        let unknownStack = try directory.write("unknown.template.json", Self.stackWithUnknownChecks().templateText)
        let flagSets: [[String]] = [[], ["--fail-on-unknown"], ["--fail-on", "security-warning"], ["--fail-on", "warning"],
                                    ["--fail-on", "suggestion"], ["--fail-on", "suggestion", "--fail-on-unknown"]]
        var statuses: [String: Int32] = [:]
        for (stackName, stack) in [("reference", [String]()), ("unknown", ["--template", unknownStack, "--account", "123456789012", "--region", "us-east-1"])] {
            for flags in flagSets {
                let output = directory.path + "/\(stackName)\(flags.joined())"
                let run = accessgraph(["check", "--output", output] + stack + flags)
                let label = "\(stackName) \(flags)"
                let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/report.json"))) as? [String: Any], "\(label)")
                let failOn = flags.firstIndex(of: "--fail-on").map { flags[$0 + 1] } ?? "error"
                let failOnUnknown = flags.contains("--fail-on-unknown")
                let refusedChecks = (json["checks"] as? [[String: Any]] ?? []).filter { check in
                    check["status"] as? String == "fail" || (failOnUnknown && check["status"] as? String == "unknown")
                }.count
                let refusedFindings = (json["findings"] as? [[String: Any]] ?? []).filter { finding in
                    (Self.severities.firstIndex(of: finding["severity"] as? String ?? "") ?? -1) >= (Self.severities.firstIndex(of: failOn) ?? 9)
                }.count
                let refused = refusedChecks + refusedFindings

                let junit = try String(contentsOfFile: output + "/report.junit.xml", encoding: .utf8)
                let sarif = try Self.sarif(String(contentsOfFile: output + "/report.sarif", encoding: .utf8))
                let errors = (sarif["results"] as? [[String: Any]] ?? []).filter { $0["level"] as? String == "error" }.count
                #expect(run.status == (refused > 0 ? 3 : 0), "\(label): \(run.stderr)")
                #expect(junit.components(separatedBy: "<failure ").count - 1 == refused, "\(label)")
                #expect(junit.contains(#"<testsuite name="accessgraph.checks" tests="6" failures="\#(refusedChecks)""#), "\(label)")
                #expect(errors == refused, "\(label)")
                statuses[label] = run.status
            }
        }
        // The flags matter on these stacks, so the agreement above is not vacuous.
        #expect(statuses["reference []"] == 0 && statuses["reference [\"--fail-on\", \"security-warning\"]"] == 3)
        #expect(statuses["unknown []"] == 0 && statuses["unknown [\"--fail-on-unknown\"]"] == 3)
    }
}
