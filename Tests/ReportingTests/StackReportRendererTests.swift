import Foundation
import PipelineChecks
import PolicyModel
import PolicyParsing
import Reporting
import Testing

/// `accessgraph check` output in each format, for a report with one check of each status and
/// findings of three severities, with and without a place.
@Suite struct StackReportRendererTests {
    typealias Fixture = ReportFixture

    @Test func textIsAChecklistThenFindingsThenTheSummaryLine() {
        #expect(StackReportRenderer.text(Fixture.report()) == """
            AccessGraph check: stack.json

            Pipeline checks
              ✓ trust.pipeline-role: osis-pipelines.amazonaws.com can assume `PipelineRole`
              ✗ source.dynamodb.export: `dynamodb:ExportTableToPointInTime` is refused
              ? source.dynamodb.stream: depends on `⟦AWS.AccountId⟧`
              - source.s3.export: the pipeline reads the stream only

            Findings
              error domain.policy-open-to-everyone [Domain] (stack.json:40:7): `*` may call `es:*`
              warning domain.https-not-enforced [Domain] (stack.json): `EnforceHTTPS` is not set
              suggestion pipeline.logging-not-wired [OrdersPipeline]: the pipeline publishes no logs

            checks: 1 pass, 1 fail, 1 unknown, 1 skipped; findings: 1 error, 0 security-warning, 1 warning, 1 suggestion

            """)
    }

    @Test func textWithoutFindingsSaysSo() {
        let report = StackReport(name: "empty.json", checks: [], findings: [])
        #expect(StackReportRenderer.text(report) == """
            AccessGraph check: empty.json

            Pipeline checks

            No findings

            checks: 0 pass, 0 fail, 0 unknown, 0 skipped; findings: 0 error, 0 security-warning, 0 warning, 0 suggestion

            """)
    }

    @Test func jsonHasEachRequestsVerdictAndEachFindingsEvidence() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(StackReportRenderer.json(Fixture.report()).rendered().utf8)) as? [String: Any])
        #expect(object["template"] as? String == "stack.json")
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.map { $0["id"] as? String } == ["trust.pipeline-role", "source.dynamodb.export", "source.dynamodb.stream", "source.s3.export"])
        #expect(checks.map { $0["status"] as? String } == ["pass", "fail", "unknown", "skipped"])
        #expect(checks[0]["title"] as? String == CheckID.pipelineRoleTrust.title)
        let requests = checks.flatMap { $0["requests"] as? [[String: Any]] ?? [] }
        #expect(requests.map { $0["status"] as? String } == ["pass", "fail", "unknown"])
        #expect(requests.map { $0["decision"] as? String } == ["Allow", "ImplicitDeny", "Allow"])
        #expect(requests.allSatisfy { $0["expected"] as? String == "Allow" })
        #expect(requests[2]["unresolved"] as? [String] == ["PipelineRole.Policy statement 1 depends on the account"])
        let matched = try #require((requests[0]["matched"] as? [[String: Any]])?.first)
        #expect(matched["sid"] as? String == "Read")
        #expect(matched["line"] as? Int == 30 && matched["column"] as? Int == 11)
        #expect(checks[3]["location"] is NSNull)

        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["severity"] as? String } == ["error", "warning", "suggestion"])
        let evidence = findings.map { ($0["evidence"] as? [[String: Any]] ?? []).map { $0["description"] as? String } }
        #expect(evidence == [
            ["Domain.AccessPolicies statement 0 (Open): `Principal` `*`"],
            ["`DomainEndpointOptions` has no `EnforceHTTPS`"],
            [],
        ])
        let place = try #require((findings[0]["evidence"] as? [[String: Any]])?.first?["location"] as? [String: Any])
        #expect(place["file"] as? String == "stack.json" && place["line"] as? Int == 41 && place["column"] as? Int == 9)

        // A file without a known position: its line and column are null, as in diagnostics.
        let unplaced = StackReport(name: "stack.json", checks: [], findings: [
            Finding(id: .pipelineLoggingNotWired, severity: .suggestion, resource: "Pipeline", message: "no logs",
                    location: SourceLocation(file: "pipeline.yaml", position: .unknown)),
        ])
        let unplacedObject = try #require(try JSONSerialization.jsonObject(with: Data(StackReportRenderer.json(unplaced).rendered().utf8)) as? [String: Any])
        let unplacedLocation = try #require(((unplacedObject["findings"] as? [[String: Any]])?.first)?["location"] as? [String: Any])
        #expect(unplacedLocation["file"] as? String == "pipeline.yaml")
        #expect(unplacedLocation["line"] is NSNull && unplacedLocation["column"] is NSNull)
    }

    /// A cell must not end the row (`|`) or the table (a line break, shown as `\n`).
    @Test func markdownEscapesPipesAndLineBreaksInCells() {
        let report = StackReport(name: "stack.json", checks: [
            CheckResult(id: .openSearchSink, status: .fail, reason: "`es:ESHttpPut` | `es:ESHttpPost` refused\nby the domain policy", location: nil),
        ], findings: [
            Finding(id: .openSearchStarOnStar, severity: .securityWarning, resource: "PipelineRole", message: "`es:*` on `*`|everywhere", location: nil),
        ])
        #expect(StackReportRenderer.markdown(report) == """
            ## AccessGraph: `stack.json`

            | | Check | Result |
            | --- | --- | --- |
            | ✗ | `sink.opensearch` | `es:ESHttpPut` \\| `es:ESHttpPost` refused\\\\nby the domain policy |

            | Severity | Finding | Resource | Message |
            | --- | --- | --- | --- |
            | security-warning | `iam.es-star-on-star` | `PipelineRole` | `es:*` on `*`\\|everywhere |

            checks: 0 pass, 1 fail, 0 unknown, 0 skipped; findings: 0 error, 1 security-warning, 0 warning, 0 suggestion

            """)
    }

    @Test func markdownWithoutFindingsSaysSo() {
        let report = StackReport(name: "stack.json", checks: [CheckResult(id: .dashboardsCognito, status: .pass, reason: "only signed-in users", location: nil)], findings: [])
        #expect(StackReportRenderer.markdown(report).contains("| ✓ | `dashboards.cognito` | only signed-in users |\n\nNo findings.\n\n"))
    }

    @Test func sarifHasRulesLevelsAndLocations() throws {
        let rendered = StackReportRenderer.sarif(Fixture.report(), toolVersion: "1.2.3", paths: SARIFPaths(workingDirectory: "/work/repo")).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "2.1.0")
        #expect(object["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((object["runs"] as? [[String: Any]])?.only)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "AccessGraph")
        #expect(driver["version"] as? String == "1.2.3")

        // One rule per id that has a result (passing and skipped checks have none), sorted by id;
        // findings are described by their id's summary, checks by their title.
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let descriptions = rules.map { rule in
            [rule["id"] as? String ?? "", (rule["shortDescription"] as? [String: Any])?["text"] as? String ?? ""]
        }
        #expect(descriptions == [
            ["domain.https-not-enforced", FindingID.domainHTTPSNotEnforced.summary],
            ["domain.policy-open-to-everyone", FindingID.domainPolicyOpenToEveryone.summary],
            ["pipeline.logging-not-wired", FindingID.pipelineLoggingNotWired.summary],
            ["source.dynamodb.export", CheckID.dynamoDBExport.title],
            ["source.dynamodb.stream", CheckID.dynamoDBStream.title],
        ])
        #expect(FindingID.domainHTTPSNotEnforced.summary == "the domain accepts plain HTTP")

        // A failed check and an error are errors, an unknown check and a warning are warnings,
        // a suggestion is a note.
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == [
            "source.dynamodb.export", "source.dynamodb.stream", "domain.policy-open-to-everyone", "domain.https-not-enforced", "pipeline.logging-not-wired",
        ])
        #expect(results.map { $0["level"] as? String } == ["error", "warning", "error", "warning", "note"])
        #expect(results.map { ($0["message"] as? [String: Any])?["text"] as? String } == [
            "`dynamodb:ExportTableToPointInTime` is refused", "depends on `⟦AWS.AccountId⟧`", "`*` may call `es:*`", "`EnforceHTTPS` is not set",
            "the pipeline publishes no logs",
        ])

        func physicalLocation(_ result: [String: Any]) -> [String: Any]? {
            ((result["locations"] as? [[String: Any]])?.only)?["physicalLocation"] as? [String: Any]
        }
        let placed = try #require(physicalLocation(results[2]))
        #expect((placed["artifactLocation"] as? [String: Any])?["uri"] as? String == "stack.json")
        #expect((placed["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(placed["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 40 && region["startColumn"] as? Int == 7)
        // A file without a known position has no region; no place at all, no location.
        let fileOnly = try #require(physicalLocation(results[3]))
        #expect((fileOnly["artifactLocation"] as? [String: Any])?["uri"] as? String == "stack.json")
        #expect(fileOnly["region"] == nil)
        #expect(results[4]["locations"] == nil)
    }

    @Test func junitCountsFailuresAndSkipsAndEscapesXML() {
        let report = StackReport(name: "stack.json", checks: [
            CheckResult(id: .pipelineRoleTrust, status: .pass, reason: "trusted", location: nil),
            CheckResult(id: .dynamoDBExport, status: .fail, reason: "needs <ExportTableToPointInTime> & \"DescribeExport\"", location: nil),
            CheckResult(id: .dynamoDBStream, status: .unknown, reason: "the role's account isn't known", location: nil),
            CheckResult(id: .s3Export, status: .skipped, reason: "no export", location: nil),
        ], findings: [
            // Control characters other than tab and line feed are not allowed in XML 1.0; they and
            // the others are shown as escapes.
            Finding(id: .domainPolicyOpenToEveryone, severity: .error, resource: "Domain", message: "open\u{7} to <everyone>", location: nil),
            Finding(id: .domainPolicyOpenToEveryone, severity: .error, resource: "Domain", message: "again", location: nil),
            Finding(id: .pipelineLoggingNotWired, severity: .warning, resource: "Pipe&Line", message: "no\u{0}logs", location: nil),
        ])
        #expect(StackReportRenderer.junit(report) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites>
              <testsuite name="accessgraph.checks" tests="4" failures="1" skipped="2">
                <testcase classname="pipeline" name="trust.pipeline-role"/>
                <testcase classname="pipeline" name="source.dynamodb.export">
                  <failure message="needs &lt;ExportTableToPointInTime&gt; &amp; &quot;DescribeExport&quot;"/>
                </testcase>
                <testcase classname="pipeline" name="source.dynamodb.stream">
                  <skipped message="unknown: the role&apos;s account isn&apos;t known"/>
                </testcase>
                <testcase classname="pipeline" name="source.s3.export">
                  <skipped message="skipped: no export"/>
                </testcase>
              </testsuite>
              <testsuite name="accessgraph.findings" tests="3" failures="2">
                <testcase classname="findings" name="domain.policy-open-to-everyone Domain">
                  <failure message="open\\u{7} to &lt;everyone&gt;" type="error"/>
                </testcase>
                <testcase classname="findings" name="domain.policy-open-to-everyone Domain (2)">
                  <failure message="again" type="error"/>
                </testcase>
                <testcase classname="findings" name="pipeline.logging-not-wired Pipe&amp;Line">
                  <system-out>warning: no\\u{0}logs</system-out>
                </testcase>
              </testsuite>
            </testsuites>

            """)
    }
}

extension Collection {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
