import AccessGraphCLI
import Foundation
import Testing

@Suite struct GraphCommandTests {
    @Test func chainsToTheTableStartAtTheTrustedServices() {
        let run = AccessGraphCommand.runInProcess(["graph", "--to", "DynamoDBTable59784FC0", "--action", "dynamodb:ExportTableToPointInTime"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("osis-pipelines.amazonaws.com --can-assume: sts:AssumeRole--> OpenSearchIngestionRoleZeroETLAAE46A77 --can-act: "))
        #expect(run.stdout.hasSuffix("--> DynamoDBTable59784FC0\n"))
        // Dashboards users reach the indexes through the identity pool's authenticated role.
        let indexes = AccessGraphCommand.runInProcess(["graph", "--to", "ZeroETLDashboardDemoLC05C24EB indexes", "--action", "es:ESHttpGet"])
        #expect(indexes.stdout.contains("cognito-identity.amazonaws.com --can-assume: sts:AssumeRoleWithWebIdentity--> authRoleIdentity9316A68D"))
    }

    @Test func graphFormatsAreWellFormed() throws {
        let json = AccessGraphCommand.runInProcess(["graph", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let edges = object?["edges"] as? [[String: Any]] ?? []
        #expect(edges.contains { $0["kind"] as? String == "can-assume" && ($0["from"] as? String) == "osis-pipelines.amazonaws.com" && $0["status"] as? String == "pass" })
        #expect(edges.allSatisfy { ($0["evidence"] as? [Any]) != nil })
        let dot = AccessGraphCommand.runInProcess(["graph", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph accessgraph {\n"))
        #expect(dot.stdout.hasSuffix("}\n"))
        let mermaid = AccessGraphCommand.runInProcess(["graph", "--format", "mermaid"])
        #expect(mermaid.stdout.hasPrefix("flowchart LR\n"))
    }

    @Test func anUnknownNodeIsBadInput() {
        let run = AccessGraphCommand.runInProcess(["graph", "--to", "NoSuchThing"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[graph.unknown-node]"))
    }
}
