import Foundation
import PipelineChecks
import PolicyModel
import Reporting
import Testing

/// JUnit and SARIF mark as failures exactly what makes `check` exit 3: for every `--fail-on`
/// level, with and without `--fail-on-unknown`.
@Suite struct GateAgreementTests {
    static let gates = Severity.allCases.flatMap { severity in
        [StackGate(failOn: severity), StackGate(failOn: severity, failOnUnknown: true)]
    }

    static func sarifLevels(_ report: StackReport, _ gate: StackGate) throws -> [String: [String]] {
        let rendered = StackReportRenderer.sarif(report, toolVersion: "1", gate: gate, paths: SARIFPaths(workingDirectory: "/")).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        let results = (object["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]] ?? []
        return Dictionary(grouping: results, by: { $0["level"] as? String ?? "" }).mapValues { $0.map { $0["ruleId"] as? String ?? "" } }
    }

    /// The ids (check id, or finding id before its resource) of `<testcase>`s holding a `<failure>`.
    static func junitFailures(_ report: StackReport, _ gate: StackGate) -> [String] {
        let lines = StackReportRenderer.junit(report, gate: gate).split(separator: "\n")
        return zip(lines, lines.dropFirst()).filter { $0.1.hasPrefix("      <failure ") }.compactMap { testcase, _ in
            testcase.firstMatch(of: /\sname="([^" ]+)/).map { String($0.1) }
        }
    }

    @Test(arguments: gates)
    func failuresAreWhatTheGateRefuses(_ gate: StackGate) throws {
        let report = ReportFixture.report()
        let expected = report.checks.filter(gate.refuses).map(\.id.rawValue) + report.findings.filter(gate.refuses).map(\.id.rawValue)
        let levels = try Self.sarifLevels(report, gate)
        #expect((levels["error"] ?? []) == expected)
        #expect(Self.junitFailures(report, gate) == expected)
        #expect(report.isRefused(by: gate) == !expected.isEmpty)
        // The fixture's unknown check fails only with --fail-on-unknown; its suggestion only at
        // --fail-on suggestion.
        #expect(expected.contains("source.dynamodb.stream") == gate.failOnUnknown)
        #expect(expected.contains("pipeline.logging-not-wired") == (gate.failOn == .suggestion))
    }

    @Test func anUnknownCheckFailsInJUnitOnlyWithFailOnUnknown() {
        let report = ReportFixture.report()
        let strict = StackReportRenderer.junit(report, gate: StackGate(failOnUnknown: true))
        #expect(strict.contains(#"<testsuite name="accessgraph.checks" tests="4" failures="2" skipped="1">"#))
        #expect(strict.contains(#"""
                <testcase classname="pipeline" name="source.dynamodb.stream">
                  <failure message="unknown: depends on `⟦AWS.AccountId⟧`"/>
            """#))
        let lenient = StackReportRenderer.junit(report, gate: StackGate())
        #expect(lenient.contains(#"<testsuite name="accessgraph.checks" tests="4" failures="1" skipped="2">"#))
        #expect(lenient.contains(#"<skipped message="unknown: depends on `⟦AWS.AccountId⟧`"/>"#))
    }

    @Test func aWarningAtFailOnWarningIsAFailureAndAnError() throws {
        let report = ReportFixture.report()
        let junit = StackReportRenderer.junit(report, gate: StackGate(failOn: .warning))
        #expect(junit.contains(#"<testsuite name="accessgraph.findings" tests="3" failures="2">"#))
        #expect(junit.contains(#"<failure message="`EnforceHTTPS` is not set" type="warning"/>"#))
        #expect(try Self.sarifLevels(report, StackGate(failOn: .warning))["warning"] == ["source.dynamodb.stream"])
    }
}

extension StackGate: CustomTestStringConvertible {
    public var testDescription: String { "--fail-on \(failOn.rawValue)\(failOnUnknown ? " --fail-on-unknown" : "")" }
}
