import AccessGraph
import Foundation
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import Reporting
import Testing

/// `accessgraph graph` output for a graph built in code: a user who may assume and pass a
/// role, a service whose trust is undetermined, and the role acting on a table.
@Suite struct GraphRendererTests {
    static let table = "arn:aws:dynamodb:us-east-1:111122223333:table/orders"
    static let role = "arn:aws:iam::111122223333:role/App"
    static let user = "arn:aws:iam::111122223333:user/alice"
    static let service = "osis-pipelines.amazonaws.com"

    static func statement(_ policy: String, _ index: Int, _ sid: String) -> StatementRef {
        StatementRef(policy: policy, index: index, sid: sid, effect: .allow, position: SourcePosition(line: index + 2, column: 3))
    }

    static let graph = AccessGraph(nodes: [
        AccessGraph.Node(id: table, kind: .resource, label: "Orders"),
        // A label with quotes, which every format must keep from ending its string.
        AccessGraph.Node(id: role, kind: .role, label: #"App "main""#),
        AccessGraph.Node(id: user, kind: .user, label: "alice"),
        AccessGraph.Node(id: service, kind: .servicePrincipal, label: service),
    ], edges: [
        AccessGraph.Edge(from: user, to: role, kind: .canAssume, actions: ["sts:AssumeRole"], status: .allowed,
                         reason: "allowed by the caller's identity-based policies", evidence: [statement("alice.Access", 0, "Assume")]),
        AccessGraph.Edge(from: user, to: role, kind: .canPassRole, actions: ["iam:PassRole"], service: service, status: .allowed,
                         reason: "allowed by the caller's identity-based policies", evidence: [statement("alice.Access", 1, "Pass")]),
        AccessGraph.Edge(from: service, to: role, kind: .canAssume, actions: ["sts:AssumeRole"], status: .undetermined,
                         reason: "depends on `aws:SourceArn`", evidence: [statement("App.Trust", 0, "Pipeline")]),
        AccessGraph.Edge(from: role, to: table, kind: .canAct, actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan"],
                         status: .allowed, reason: "4 of 53 actions allowed", evidence: [statement("App.Access", 0, "Orders")]),
    ])

    @Test func dotEscapesQuotesAndDrawsUndeterminedEdgesDotted() {
        #expect(GraphRenderer.render(Self.graph, as: .dot) == #"""
            digraph accessgraph {
              rankdir=LR;
              node [fontname="Helvetica"];
              "arn:aws:dynamodb:us-east-1:111122223333:table/orders" [label="Orders", shape=box];
              "arn:aws:iam::111122223333:role/App" [label="App \"main\"", shape=ellipse];
              "arn:aws:iam::111122223333:user/alice" [label="alice", shape=ellipse];
              "osis-pipelines.amazonaws.com" [label="osis-pipelines.amazonaws.com", shape=ellipse];
              "arn:aws:iam::111122223333:user/alice" -> "arn:aws:iam::111122223333:role/App" [label="can-assume: sts:AssumeRole"];
              "arn:aws:iam::111122223333:user/alice" -> "arn:aws:iam::111122223333:role/App" [label="can-pass-role: iam:PassRole to osis-pipelines.amazonaws.com"];
              "osis-pipelines.amazonaws.com" -> "arn:aws:iam::111122223333:role/App" [label="can-assume: sts:AssumeRole (undetermined)", style=dotted];
              "arn:aws:iam::111122223333:role/App" -> "arn:aws:dynamodb:us-east-1:111122223333:table/orders" [label="can-act: dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query, …"];
            }

            """#)
    }

    /// A `"` inside a label is Mermaid's entity code `#34;`, so it cannot end the string.
    @Test func mermaidEscapesQuotesAndDrawsUndeterminedEdgesDotted() {
        #expect(GraphRenderer.render(Self.graph, as: .mermaid) == """
            flowchart LR
              n0["Orders"]
              n1(["App #34;main#34;"])
              n2(["alice"])
              n3(["osis-pipelines.amazonaws.com"])
              n2 -->|"can-assume: sts:AssumeRole"| n1
              n2 -->|"can-pass-role: iam:PassRole to osis-pipelines.amazonaws.com"| n1
              n3 -.->|"can-assume: sts:AssumeRole (undetermined)"| n1
              n1 -->|"can-act: dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query, …"| n0

            """)
    }

    @Test func jsonHasEveryEdgeWithItsServiceStatusAndEvidence() throws {
        let rendered = GraphRenderer.render(Self.graph, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: String]])
        #expect(nodes[1] == ["id": Self.role, "kind": "role", "label": #"App "main""#])
        #expect(nodes.map { $0["kind"] } == ["resource", "role", "user", "service-principal"])

        let edges = try #require(object["edges"] as? [[String: Any]])
        #expect(edges.map { $0["kind"] as? String } == ["can-assume", "can-pass-role", "can-assume", "can-act"])
        #expect(edges.map { $0["status"] as? String } == ["allowed", "allowed", "undetermined", "allowed"])
        #expect(edges[1]["passedToService"] as? String == Self.service)
        #expect(edges[0]["passedToService"] is NSNull)
        // Every action, not the three the drawn label keeps.
        #expect((edges[3]["actions"] as? [String])?.count == 4)
        #expect(edges[2]["reason"] as? String == "depends on `aws:SourceArn`")
        let evidence = try #require((edges[2]["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["policy"] as? String == "App.Trust")
        #expect(evidence["sid"] as? String == "Pipeline")
        #expect(evidence["line"] as? Int == 2 && evidence["column"] as? Int == 3)
    }

    /// Chains name nodes by label; passing the role is not a way to the table.
    @Test func pathsTextHasOneChainPerLine() {
        let paths = Self.graph.paths(to: Self.table)
        #expect(GraphRenderer.pathsText(paths, graph: Self.graph) == """
            alice --can-assume: sts:AssumeRole--> App "main" --can-act: dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query, …--> Orders
            osis-pipelines.amazonaws.com --can-assume: sts:AssumeRole (undetermined)--> App "main" --can-act: dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query, …--> Orders

            """)
        #expect(GraphRenderer.pathsText([], graph: Self.graph) == "no principal of the stack reaches it\n")
        // Asked for one action, the last step names it.
        let putPaths = Self.graph.paths(to: Self.table, action: "dynamodb:PutItem")
        #expect(GraphRenderer.pathsText(putPaths, graph: Self.graph, action: "dynamodb:PutItem").hasPrefix(
            "alice --can-assume: sts:AssumeRole--> App \"main\" --can-act: dynamodb:PutItem--> Orders\n"))
    }
}
