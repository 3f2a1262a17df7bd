import ArgumentParser
import Foundation
import PolicyModel
import Reporting
import ServiceCatalog
import AccessGraph

extension GraphRenderer.Format: ExpressibleByArgument {}

extension AccessGraphCommand {
    /// `accessgraph graph`: the stack's access graph, or who reaches one resource and how.
    struct Graph: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the stack's access graph (DOT, Mermaid, JSON, CSV), or the chains that reach a resource.",
            discussion: """
            Nodes are roles and users (with their groups' policies), the service, federated and account \
            principals that trust policies name, and the stack's resources with the sub-resources the \
            pipeline uses (stream, export, export objects, domain paths). Edges are can-assume (trust policy \
            evaluated with the caller's context), can-pass-role (iam:PassRole with iam:PassedToService set to \
            each service the role trusts) and can-act (read, write and permissions-management actions \
            allowed on the resource); an edge exists only where the access is allowed or undetermined, and \
            carries the deciding statements. With --to, prints every chain of edges that ends at that node \
            (an ARN or label), optionally for one --action. DOT and Mermaid are refused over 2000 and 500 \
            edges (and half as many nodes; --max-edges sets both): exit 2, and --output skips them with a \
            warning. JSON and CSV are written an edge at a time, whatever the size.
            """
        )

        @OptionGroup var input: StackOptions

        @Option(help: "Output format: dot (the default), mermaid, json, csv (nodes.csv and edges.csv, written into --output).")
        var format: GraphRenderer.Format?

        @Option(help: ArgumentHelp("Also write graph.dot, graph.mmd, graph.json, nodes.csv and edges.csv into this directory.", valueName: "dir"))
        var output: String?

        @Option(help: ArgumentHelp("Print the chains that reach this node (ARN, or a resource's logical id).", valueName: "node"))
        var to: String?

        @Option(help: ArgumentHelp("With --to: only chains whose last edge grants this action.", valueName: "action"))
        var action: String?

        @Option(help: ArgumentHelp("Draw DOT and Mermaid up to this many edges and half as many nodes (default: 2000 for DOT, 500 for Mermaid).",
                                   valueName: "n"))
        var maxEdges: Int?

        func execute(io: CommandIO) throws -> Int32 {
            if action != nil && to == nil { throw Self.usageFailure("--action selects chains; give --to as well", at: "--action") }
            if let maxEdges, maxEdges < 0 { throw Self.usageFailure("--max-edges is a number of edges, 0 or more", at: "--max-edges") }
            if format == .csv && output == nil && to == nil {
                throw Self.usageFailure("--format csv writes two files, nodes.csv and edges.csv; give --output DIR for them", at: "--format")
            }
            let catalogue = try ServiceCatalogue.forCommand()
            let graph = AccessGraphBuilder.build(try input.loadInventory(catalogue: catalogue, io: io), catalogue: catalogue)
            // What stdout gets: chains instead of the graph with --to; nothing for csv, two files
            // that only --output writes.
            let shown = format ?? .dot
            let printed = to == nil && shown.files.count == 1 ? shown.files.first : nil
            let printedRefusal = printed.flatMap { refusal(of: graph, as: $0) }
            // A drawing asked for by name fails before any file is written; the default one gives
            // way to --output, whose warnings say why it is not there.
            if let printedRefusal, format != nil || output == nil {
                throw CommandFailure("graph.too-large", printedRefusal, at: "graph", help: advice(for: graph))
            }
            if let output {
                for file in GraphRenderer.File.allCases {
                    if let refusal = refusal(of: graph, as: file) {
                        OutputFiles.remove(file.name, from: output)
                        io.warn([Diagnostic(severity: .warning, code: "graph.too-large", message: "not written: " + refusal,
                                            file: (output as NSString).appendingPathComponent(file.name), help: advice(for: graph))])
                    } else {
                        try OutputFiles.stream(file.name, into: output) { write in try GraphRenderer.write(graph, as: file, to: write) }
                    }
                }
            }
            guard let to else {
                if let printed, printedRefusal == nil {
                    try OutputBlocks.write(to: io.out) { write in try GraphRenderer.write(graph, as: printed, to: write) }
                }
                return ExitStatus.success
            }
            guard let target = graph.nodes.first(where: { $0.id == to || $0.label == to }) else {
                let known = graph.nodes.filter { $0.kind == .resource }.map(\.label).joined(separator: ", ")
                throw CommandFailure("graph.unknown-node", "no node `\(to)`", at: "--to", help: "give a node's ARN or label; resources: \(known)")
            }
            io.out(GraphRenderer.pathsText(graph.paths(to: target.id, action: action), graph: graph, action: action))
            return ExitStatus.success
        }

        /// Why `file` is not drawn for `graph`, with --max-edges in place of the format's own limit.
        private func refusal(of graph: AccessGraph, as file: GraphRenderer.File) -> String? {
            guard var limit = file.drawingLimit else { return nil }
            if let maxEdges { limit.edges = maxEdges }
            return limit.refusal(of: graph)
        }

        /// What to ask instead of a drawing too large to read.
        private func advice(for graph: AccessGraph) -> String {
            "ask for the chains to one node with `--to NODE` or for who can do one thing with `accessgraph who-can`, "
                + "write the whole graph with `--format json` or `--format csv --output DIR`, "
                + "or draw it anyway with `--max-edges \(max(graph.edges.count, graph.nodes.count * 2))`"
        }
    }
}
