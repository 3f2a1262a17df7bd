import Foundation
import TestSupport
import Testing

/// `graph` output of any size: JSON and CSV written an edge at a time, DOT and Mermaid refused
/// past their limits (exit 2, or skipped with a warning by --output), CSV only into --output.
@Suite struct GraphOutputCommandTests {
    /// 35 roles that may pass every role and that OpenSearch Ingestion may assume: 35 x 34
    /// can-pass-role edges (none to itself) and 35 can-assume, over Mermaid's 500 and under DOT's 2000.
    static func passEveryRoleStack(in directory: TemporaryDirectory) throws -> String {
        let stack = (1...35).reduce(TestStack()) { stack, number in
            stack.role("Role\(number)", trust: .service("osis-pipelines.amazonaws.com"), policies: [.allow(["iam:PassRole"], on: "*")])
        }
        return try directory.write("roles.json", stack.templateText)
    }

    static func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static let advice = "help: ask for the chains to one node with `--to NODE` or for who can do one thing with `accessgraph who-can`, "
        + "write the whole graph with `--format json` or `--format csv --output DIR`, or draw it anyway with `--max-edges "

    @Test func aDrawingPastItsLimitIsBadInputNamingTheSizeAndWhatToAskInstead() throws {
        let directory = try TemporaryDirectory()
        let template = try Self.passEveryRoleStack(in: directory)
        let mermaid = accessgraph(["graph", "--template", template, "--format", "mermaid"])
        #expect(mermaid.status == 2)
        #expect(mermaid.stdout.isEmpty)
        #expect(mermaid.stderr.hasPrefix(
            "graph: error[graph.too-large]: the graph has 1225 edges and 36 nodes, more than Mermaid output draws (at most 500 edges and 250 nodes)\n"),
            "\(mermaid.stderr)")
        #expect(mermaid.stderr.contains(Self.advice + "1225`"))
        // DOT draws it; --max-edges moves both limits either way.
        let dot = accessgraph(["graph", "--template", template])
        #expect(dot.status == 0 && dot.stdout.components(separatedBy: " -> ").count == 1226, "\(dot.stderr)")
        #expect(accessgraph(["graph", "--template", template, "--format", "mermaid", "--max-edges", "1225"]).status == 0)
        let lowered = accessgraph(["graph", "--template", template, "--max-edges", "1224"])
        #expect(lowered.status == 2)
        #expect(lowered.stderr.contains("more than DOT output draws (at most 1224 edges and 612 nodes)"))
    }

    @Test func theReferenceStackFitsAndALowerLimitRefusesItByNodesToo() {
        #expect(accessgraph(["graph", "--format", "mermaid"]).status == 0)
        // 16 edges and 15 nodes: 20 edges allow only 10 nodes.
        let run = accessgraph(["graph", "--max-edges", "20"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[graph.too-large]: the graph has 16 edges and 15 nodes, more than DOT output draws (at most 20 edges and 10 nodes)"))
        #expect(run.stderr.contains("`--max-edges 30`"))
    }

    /// --output skips what it may not draw, says so on stderr, removes an earlier run's copy, and
    /// writes the rest; the default DOT on stdout gives way too.
    @Test func outputSkipsRefusedDrawingsWithAWarningAndWritesTheRest() throws {
        let directory = try TemporaryDirectory()
        let template = try Self.passEveryRoleStack(in: directory)
        let output = (directory.path as NSString).appendingPathComponent("graph")
        try directory.write("graph/graph.mmd", "flowchart LR\n  stale\n")
        let run = accessgraph(["graph", "--template", template, "--output", output])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("\(output)/graph.mmd: warning[graph.too-large]: not written: the graph has 1225 edges and 36 nodes, "
            + "more than Mermaid output draws (at most 500 edges and 250 nodes)\n"), "\(run.stderr)")
        #expect(run.stdout.hasPrefix("digraph accessgraph {\n"))
        #expect(Self.files(in: output) == ["edges.csv", "graph.dot", "graph.json", "nodes.csv"])

        let lowered = accessgraph(["graph", "--template", template, "--output", output, "--max-edges", "10"])
        #expect(lowered.status == 0, "\(lowered.stderr)")
        #expect(lowered.stdout.isEmpty)
        #expect(lowered.stderr.components(separatedBy: "warning[graph.too-large]").count == 3)
        #expect(lowered.stderr.contains("\(output)/graph.dot: warning[graph.too-large]: not written: "))
        #expect(Self.files(in: output) == ["edges.csv", "graph.json", "nodes.csv"])
    }

    /// A drawing asked for by name is refused before anything is written.
    @Test func aNamedDrawingPastItsLimitWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let output = (directory.path as NSString).appendingPathComponent("graph")
        let run = accessgraph(["graph", "--format", "dot", "--max-edges", "10", "--output", output])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[graph.too-large]"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(arguments: [
        (["graph", "--format", "csv"], "--format: error[usage.invalid]: --format csv writes two files, nodes.csv and edges.csv; give --output DIR for them"),
        (["graph", "--max-edges=-1"], "--max-edges: error[usage.invalid]: --max-edges is a number of edges, 0 or more"),
    ])
    func csvWithoutADirectoryAndANegativeLimitAreUsageErrors(_ arguments: [String], _ message: String) {
        let run = accessgraph(arguments)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix(message + "\n"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    /// nodes.csv and edges.csv hold the JSON's nodes and edges, field for field.
    @Test func csvHoldsTheGraphsNodesAndEdges() throws {
        let directory = try TemporaryDirectory()
        let run = accessgraph(["graph", "--format", "csv", "--output", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(accessgraph(["graph", "--format", "json"]).stdout.utf8)) as? [String: Any])
        let jsonNodes = try #require(json["nodes"] as? [[String: Any]])
        let jsonEdges = try #require(json["edges"] as? [[String: Any]])

        let nodes = try #require(CSVRecords.table(try String(contentsOfFile: directory.path + "/nodes.csv", encoding: .utf8)))
        #expect(nodes.header == ["id", "kind", "label", "members"])
        #expect(nodes.rows.map { $0["id"] } == jsonNodes.map { $0["id"] as? String })
        #expect(nodes.rows.map { $0["kind"] } == jsonNodes.map { $0["kind"] as? String })
        let edges = try #require(CSVRecords.table(try String(contentsOfFile: directory.path + "/edges.csv", encoding: .utf8)))
        #expect(edges.header == ["from", "to", "kind", "actions", "service", "technique", "status", "reason", "evidence"])
        #expect(edges.rows.count == jsonEdges.count && edges.rows.count == 16)
        #expect(edges.rows.map { $0["actions"] } == jsonEdges.map { (($0["actions"] as? [String]) ?? []).joined(separator: ";") })
        #expect(edges.rows.map { $0["reason"] } == jsonEdges.map { $0["reason"] as? String })
        #expect(edges.rows.allSatisfy { !($0["evidence"] ?? "").isEmpty })
        #expect(edges.rows.contains { $0["from"] == "osis-pipelines.amazonaws.com" && $0["kind"] == "can-assume" && $0["service"] == "" })
    }

    /// JSON written into --output is what stdout gets, and a file that cannot take its place
    /// leaves no partial file behind.
    @Test func jsonFilesAreWholeOrAbsent() throws {
        let directory = try TemporaryDirectory()
        #expect(accessgraph(["graph", "--format", "json", "--output", directory.path]).stdout
            == (try String(contentsOfFile: directory.path + "/graph.json", encoding: .utf8)))
        let blocked = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: blocked.path + "/graph.json/inside", withIntermediateDirectories: true)
        let run = accessgraph(["graph", "--output", blocked.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(blocked.path): error[io.unwritable]"), "\(run.stderr)")
        #expect(Self.files(in: blocked.path) == ["graph.dot", "graph.json", "graph.mmd"])
    }

    static var python3: URL? { Executable.onPath("python3") }
    static var hasNetworkX: Bool {
        guard let python3 else { return false }
        return (try? Executable.run(python3, ["-c", "import networkx"], in: NSTemporaryDirectory()).status) == 0
    }

    /// The node and edge counts Python's csv module (and networkx's MultiDiGraph, when asked)
    /// reads from `graph --format csv` of `template`, as `nodes edges`.
    static func pythonCounts(of arguments: [String], networkx: Bool) throws -> String {
        let directory = try TemporaryDirectory()
        #expect(accessgraph(["graph"] + arguments + ["--format", "csv", "--output", directory.path]).status == 0)
        let script = networkx ? """
            import csv, networkx
            graph = networkx.MultiDiGraph()
            with open("nodes.csv", newline="") as file:
                for row in csv.DictReader(file): graph.add_node(row["id"], **row)
            with open("edges.csv", newline="") as file:
                for row in csv.DictReader(file): graph.add_edge(row["from"], row["to"], **row)
            print(graph.number_of_nodes(), graph.number_of_edges())
            """ : """
            import csv
            counts = []
            for name in ["nodes.csv", "edges.csv"]:
                with open(name, newline="") as file:
                    counts.append(len(list(csv.DictReader(file, strict=True))))
            print(*counts)
            """
        let python = try #require(python3)
        let run = try Executable.run(python, ["-c", script], in: directory.path)
        #expect(run.status == 0, "\(run.output)")
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: python3 != nil, "python3 is not on PATH"))
    func pythonsCSVModuleReadsAsManyNodesAndEdgesAsTheGraphHas() throws {
        #expect(try Self.pythonCounts(of: [], networkx: false) == "15 16")
        let directory = try TemporaryDirectory()
        #expect(try Self.pythonCounts(of: ["--template", try Self.passEveryRoleStack(in: directory)], networkx: false) == "36 1225")
    }

    @Test(.enabled(if: hasNetworkX, "networkx is not installed for python3: skipped"))
    func networkxBuildsTheSameGraph() throws {
        #expect(try Self.pythonCounts(of: [], networkx: true) == "15 16")
    }
}
