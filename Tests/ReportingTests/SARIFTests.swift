import Foundation
import PipelineChecks
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import Reporting
import Testing

/// SARIF as GitHub code scanning reads it: valid URI references under `%SRCROOT%`, fingerprints
/// that ignore positions, rule indexes, rule help, and `security-severity` for findings.
@Suite struct SARIFTests {
    typealias Fixture = ReportFixture
    static let cwd = "/work/repo"

    static func run(_ report: StackReport, gate: StackGate = StackGate(), paths: SARIFPaths = SARIFPaths(workingDirectory: cwd)) throws -> [String: Any] {
        let rendered = StackReportRenderer.sarif(report, toolVersion: "1.0", gate: gate, paths: paths).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        return try #require((object["runs"] as? [[String: Any]])?.first)
    }

    static func results(_ run: [String: Any]) -> [[String: Any]] { run["results"] as? [[String: Any]] ?? [] }

    static func rules(_ run: [String: Any]) -> [[String: Any]] {
        ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
    }

    static func artifact(_ result: [String: Any]) -> [String: String] {
        let location = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
        return location as? [String: String] ?? [:]
    }

    static func artifactLocation(_ file: String, base: String? = nil) -> [String: String] {
        let rendered = SARIFPaths(workingDirectory: cwd, base: base).artifactLocation(file).rendered()
        return (try? JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: String]) ?? [:]
    }

    /// Relative to the working directory (or the base), percent-encoded: a space, `#`, `%`, `?`,
    /// `:` and non-ASCII letters cannot change what the reference means.
    @Test func urisAreRelativeToTheBaseAndPercentEncoded() {
        #expect(Self.artifactLocation("stack.json") == ["uri": "stack.json", "uriBaseId": "%SRCROOT%"])
        #expect(Self.artifactLocation("./cdk.out/../cdk.out/My Stack#1.json") == ["uri": "cdk.out/My%20Stack%231.json", "uriBaseId": "%SRCROOT%"])
        #expect(Self.artifactLocation("/work/repo/infra/100%?é:x.json") == ["uri": "infra/100%25%3F%C3%A9%3Ax.json", "uriBaseId": "%SRCROOT%"])
        // Outside the base: an absolute file URI, still encoded.
        #expect(Self.artifactLocation("../other/a b.json") == ["uri": "file:///work/other/a%20b.json"])
        #expect(Self.artifactLocation("/tmp/x.json") == ["uri": "file:///tmp/x.json"])
        // A base, absolute or relative to the working directory.
        #expect(Self.artifactLocation("infra/t.json", base: "infra") == ["uri": "t.json", "uriBaseId": "%SRCROOT%"])
        #expect(Self.artifactLocation("/srv/checkout/t.json", base: "/srv/checkout/") == ["uri": "t.json", "uriBaseId": "%SRCROOT%"])
        #expect(Self.artifactLocation("t.json", base: "infra") == ["uri": "file:///work/repo/t.json"])
    }

    /// The run says what `%SRCROOT%` is: the given base as a directory URI, or, by default, the
    /// working directory in words, so a report does not depend on where it was made.
    @Test func theRunNamesTheBase() throws {
        let byDefault = try Self.run(Fixture.report())
        let described = (byDefault["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any]
        #expect((described?["description"] as? [String: Any])?["text"] as? String == "the working directory of the accessgraph run")
        #expect(described?["uri"] == nil)
        let based = try Self.run(Fixture.report(), paths: SARIFPaths(workingDirectory: Self.cwd, base: "my dir"))
        let uri = ((based["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])?["uri"] as? String
        #expect(uri == "file:///work/repo/my%20dir/")
        #expect(Self.results(based).compactMap { Self.artifact($0)["uri"] } == ["file:///work/repo/stack.json", "file:///work/repo/stack.json", "file:///work/repo/stack.json", "file:///work/repo/stack.json"])
    }

    /// Every result's `ruleIndex` is the index of its rule; rules have help (text and Markdown);
    /// findings are security rules ranked by their most severe result, checks are not.
    @Test func rulesHaveIndexesHelpAndSecuritySeverity() throws {
        var report = Fixture.report()
        // A second finding of one id, less severe: the rule keeps the higher score.
        report.findings.append(Finding(id: .domainPolicyOpenToEveryone, severity: .warning, resource: "Other", message: "guarded", location: nil))
        report.findings.append(Finding(id: .pipelineRoleOverprivilege, severity: .securityWarning, resource: "Role", message: "m", location: nil))
        let run = try Self.run(report)
        let rules = Self.rules(run)
        for result in Self.results(run) {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let byId = Dictionary(uniqueKeysWithValues: rules.map { ($0["id"] as? String ?? "", $0) })
        func properties(_ id: String) -> [String: Any] { byId[id]?["properties"] as? [String: Any] ?? [:] }
        #expect(properties("domain.policy-open-to-everyone")["security-severity"] as? String == "8.0")
        #expect(properties("overprivilege.pipeline-role")["security-severity"] as? String == "5.0")
        #expect(properties("domain.https-not-enforced")["security-severity"] as? String == "3.0")
        #expect(properties("pipeline.logging-not-wired")["security-severity"] as? String == "1.0")
        #expect(properties("domain.policy-open-to-everyone")["tags"] as? [String] == ["security"])
        #expect(properties("source.dynamodb.export")["security-severity"] == nil)
        #expect(properties("source.dynamodb.export")["tags"] as? [String] == ["pipeline-check"])
        let help = try #require(byId["domain.https-not-enforced"]?["help"] as? [String: String])
        #expect(help["text"]?.hasPrefix("The domain accepts plain HTTP. A finding names the resource") == true)
        #expect(help["markdown"]?.hasPrefix("**The domain accepts plain HTTP.** A finding names the resource") == true)
        let checkHelp = try #require(byId["source.dynamodb.export"]?["help"] as? [String: String])
        #expect(checkHelp["text"]?.hasPrefix("The pipeline role can export the table to S3. A pipeline check:") == true)
    }

    static func fingerprints(_ run: [String: Any]) -> [String] {
        results(run).map { (($0["partialFingerprints"] as? [String: String])?["accessgraph/v1"]) ?? "" }
    }

    /// Moving everything (a reformatted template) keeps each result's fingerprint; different
    /// results, and repeats of one finding on one resource, have different ones.
    @Test func fingerprintsIgnorePositions() throws {
        var report = Fixture.report()
        report.findings.append(report.findings[0])
        let before = Self.fingerprints(try Self.run(report))
        #expect(before.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
        #expect(Set(before).count == before.count)

        var moved = report
        func shift(_ location: PolicyModel.SourceLocation?) -> PolicyModel.SourceLocation? {
            location.map { PolicyModel.SourceLocation(file: $0.file, position: $0.position.isKnown ? SourcePosition(line: $0.position.line + 40, column: 1) : $0.position) }
        }
        for index in moved.checks.indices { moved.checks[index].location = shift(moved.checks[index].location) }
        for index in moved.findings.indices {
            moved.findings[index].location = shift(moved.findings[index].location)
            moved.findings[index].evidence = moved.findings[index].evidence.map { evidence in
                var copy = evidence
                copy.statement?.position = SourcePosition(line: 99, column: 9)
                copy.statement?.index += 3
                copy.location = shift(evidence.location)
                return copy
            }
        }
        #expect(Self.fingerprints(try Self.run(moved)) == before)
        // A finding about another resource is another result.
        var other = report
        other.findings[0].resource = "OtherDomain"
        #expect(Self.fingerprints(try Self.run(other))[2] != before[2])
    }
}
