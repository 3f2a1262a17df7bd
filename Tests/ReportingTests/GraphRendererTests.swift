import AccessGraph
import Foundation
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import Reporting
import Testing
import TestSupport

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

    /// Plain headers and one row per node or edge, CRLF-terminated; a field with a quote (or a
    /// comma, or a line break) is quoted with its quotes doubled; lists are joined with `;`.
    @Test func csvIsOneRowPerNodeAndPerEdge() {
        #expect(GraphRenderer.render(Self.graph, as: .nodesCSV) == [
            "id,kind,label,members",
            "\(Self.table),resource,Orders,",
            #"\#(Self.role),role,"App ""main""","#,
            "\(Self.user),user,alice,",
            "\(Self.service),service-principal,\(Self.service),",
        ].map { $0 + "\r\n" }.joined())
        #expect(GraphRenderer.render(Self.graph, as: .edgesCSV) == [
            "from,to,kind,actions,service,technique,status,reason,evidence",
            "\(Self.user),\(Self.role),can-assume,sts:AssumeRole,,,allowed,allowed by the caller's identity-based policies,alice.Access statement 0 (Assume) at 2:3",
            "\(Self.user),\(Self.role),can-pass-role,iam:PassRole,\(Self.service),,allowed,allowed by the caller's identity-based policies,alice.Access statement 1 (Pass) at 3:3",
            "\(Self.service),\(Self.role),can-assume,sts:AssumeRole,,,undetermined,depends on `aws:SourceArn`,App.Trust statement 0 (Pipeline) at 2:3",
            "\(Self.role),\(Self.table),can-act,dynamodb:GetItem;dynamodb:PutItem;dynamodb:Query;dynamodb:Scan,,,allowed,4 of 53 actions allowed,App.Access statement 0 (Orders) at 2:3",
        ].map { $0 + "\r\n" }.joined())
    }

    /// JSON is handed over one node or edge at a time (plus the brackets around them), never as
    /// one text; joined, the pieces are the JSON.
    @Test func jsonIsWrittenANodeOrAnEdgeAtATime() throws {
        var pieces: [String] = []
        GraphRenderer.write(Self.graph, as: .json) { pieces.append($0) }
        #expect(pieces.count == Self.graph.nodes.count + Self.graph.edges.count + 5)
        #expect(pieces.filter { $0.contains("\"from\":") }.allSatisfy { $0.components(separatedBy: "\"from\":").count == 2 })
        #expect(pieces.joined() == GraphRenderer.render(Self.graph, as: .json))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(pieces.joined().utf8)) as? [String: Any])
        #expect((object["edges"] as? [Any])?.count == Self.graph.edges.count)
    }

    /// DOT and Mermaid are drawn up to their limits (2000 and 500 edges, half as many nodes), and
    /// say past them how large the graph is and what the limit is; data formats have none.
    @Test func drawingsHaveALimitNamingTheGraphsSize() {
        #expect(GraphRenderer.File.dot.drawingLimit == GraphRenderer.DrawingLimit(format: "DOT", edges: 2_000))
        #expect(GraphRenderer.File.mermaid.drawingLimit?.edges == 500 && GraphRenderer.File.mermaid.drawingLimit?.nodes == 250)
        #expect(GraphRenderer.File.allCases.filter { $0.drawingLimit == nil } == [.json, .nodesCSV, .edgesCSV])
        #expect(GraphRenderer.DrawingLimit(format: "DOT", edges: 8).refusal(of: Self.graph) == nil)
        #expect(GraphRenderer.DrawingLimit(format: "Mermaid", edges: 3).refusal(of: Self.graph)
            == "the graph has 4 edges and 4 nodes, more than Mermaid output draws (at most 3 edges and 1 nodes)")
        // Few edges, too many nodes.
        #expect(GraphRenderer.DrawingLimit(format: "DOT", edges: 7).refusal(of: Self.graph)
            == "the graph has 4 edges and 4 nodes, more than DOT output draws (at most 7 edges and 3 nodes)")
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
