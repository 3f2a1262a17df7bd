import Foundation
import TestSupport
import Testing

@Suite struct CheckCommandTests {
    static let committedReports = Repository.url("Reports/reference-stack")

    @Test func withoutInputItChecksTheEmbeddedReferenceStack() {
        let run = accessgraph([])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("AccessGraph check: seed-stack/DashboardStack.123456789012-us-east-1.template.json"))
        #expect(run.stdout.contains("  ✓ trust.pipeline-role: "))
        #expect(run.stdout.contains("overprivilege.pipeline-role"))
        #expect(run.stdout.hasSuffix("checks: 6 pass, 0 fail, 0 unknown, 0 skipped; findings: 0 error, 7 security-warning, 4 warning, 1 suggestion\n"))
    }

    /// Reports/ holds every format for the reference stack; they must be exactly what the code
    /// produces now. Regenerate with `swift run accessgraph check --output Reports/reference-stack`.
    @Test func committedReportsMatchTheCode() throws {
        let directory = try TemporaryDirectory()
        let run = accessgraph(["check", "--output", directory.path, "--format", "json"])
        #expect(run.status == 0)
        for name in ["report.txt", "report.json", "report.md", "report.sarif", "report.junit.xml"] {
            let fresh = try String(contentsOfFile: directory.path + "/" + name, encoding: .utf8)
            let committed = try String(contentsOf: Self.committedReports.appendingPathComponent(name), encoding: .utf8)
            #expect(fresh == committed, "Reports/reference-stack/\(name) is stale: run `swift run accessgraph check --output Reports/reference-stack`")
        }
        let graphRun = accessgraph(["graph", "--output", directory.path])
        #expect(graphRun.status == 0)
        for name in ["graph.dot", "graph.mmd", "graph.json", "nodes.csv", "edges.csv"] {
            let fresh = try String(contentsOfFile: directory.path + "/" + name, encoding: .utf8)
            let committed = try String(contentsOf: Self.committedReports.appendingPathComponent(name), encoding: .utf8)
            #expect(fresh == committed, "Reports/reference-stack/\(name) is stale: run `swift run accessgraph graph --output Reports/reference-stack`")
        }
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.committedReports.appendingPathComponent("report.sarif"))) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
    }

    @Test func failOnRaisesTheBar() {
        let run = accessgraph(["check", "--fail-on", "security-warning", "--format", "markdown"])
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("## AccessGraph: "))
    }

    @Test func aTemplateAndPipelineFromFilesWork() {
        let run = accessgraph(["check", "--template", SeedStack.File.agnosticTemplate.path, "--pipeline", SeedStack.File.agnosticPipeline.path, "--account", "111122223333", "--region", "eu-west-1", "--format", "json"])
        #expect(run.status == 0, "\(run.output)")
        let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let checks = object?["checks"] as? [[String: Any]] ?? []
        #expect(checks.count == 6)
        #expect(checks.allSatisfy { $0["status"] as? String == "pass" }, "\(checks.map { "\($0["id"] ?? ""): \($0["reason"] ?? "")" })")
    }

    @Test func badTemplatesAreBadInputWithPositions() throws {
        let directory = try TemporaryDirectory()
        let malformed = try directory.write("bad.json", "{\n  \"Resources\": {\n    \"A\": {\"Type\": \"AWS::S3::Bucket\",}\n  }\n}\n")
        let run = accessgraph(["check", "--template", malformed])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("\(malformed):3:"))
        #expect(run.stdout.isEmpty)

        let unknownIntrinsic = try directory.write("intrinsic.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName:\n        Fn::Frobnicate: [a]\n")
        let second = accessgraph(["check", "--template", unknownIntrinsic])
        #expect(second.status == 2)
        #expect(second.stderr.contains("error[template.unknown-intrinsic]"))

        let badPipeline = try directory.write("pipeline.yaml", "version: \"2\"\np:\n  source: [unclosed\n")
        let third = accessgraph(["check", "--pipeline", badPipeline])
        #expect(third.status == 2)
        #expect(third.stderr.contains("\(badPipeline):"))
    }

    @Test func outputIntoAnUnwritablePlaceIsBadInput() {
        let run = accessgraph(["check", "--output", "/proc/accessgraph-cannot-write-here"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[io.unwritable]"))
    }
}
