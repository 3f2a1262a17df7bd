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
            abstract: "Write the stack's access graph (DOT, Mermaid, JSON), or the chains that reach a resource.",
            discussion: """
            Nodes are roles, service and federated principals, and the stack's resources (table, stream, \
            bucket objects, domain, indexes, keys). Edges are can-assume (trust policy evaluated with the \
            caller's context), can-pass-role (iam:PassRole with iam:PassedToService = osis-pipelines) and \
            can-act (actions allowed on the resource), each with the deciding statements. With --to, prints \
            every chain of edges that ends at that node (an ARN or logical id), optionally for one --action.
            """
        )

        @OptionGroup var input: StackOptions

        @Option(help: "Output format: dot, mermaid, json.")
        var format: GraphRenderer.Format = .dot

        @Option(help: ArgumentHelp("Also write graph.dot, graph.mmd and graph.json into this directory.", valueName: "dir"))
        var output: String?

        @Option(help: ArgumentHelp("Print the chains that reach this node (ARN, or a resource's logical id).", valueName: "node"))
        var to: String?

        @Option(help: ArgumentHelp("With --to: only chains whose last edge grants this action.", valueName: "action"))
        var action: String?

        func validate() throws {
            if action != nil && to == nil { throw ValidationError("--action selects chains; give --to as well") }
        }

        func execute(io: CommandIO) throws -> Int32 {
            let catalogue = try ServiceCatalogue.forCommand()
            let graph = AccessGraphBuilder.build(try input.loadInventory(catalogue: catalogue), catalogue: catalogue)
            if let output {
                try OutputFiles.write(GraphRenderer.Format.allCases.map { format in
                    ("graph." + (format == .mermaid ? "mmd" : format.rawValue), GraphRenderer.render(graph, as: format))
                }, into: output)
            }
            guard let to else {
                io.out(GraphRenderer.render(graph, as: format))
                return ExitStatus.success
            }
            guard let target = graph.nodes.first(where: { $0.id == to || $0.label == to }) else {
                let known = graph.nodes.filter { $0.kind == .resource }.map(\.label).joined(separator: ", ")
                throw CommandFailure("graph.unknown-node", "no node `\(to)`", at: "--to", help: "give a node's ARN or label; resources: \(known)")
            }
            io.out(GraphRenderer.pathsText(graph.paths(to: target.id, action: action), graph: graph, action: action))
            return ExitStatus.success
        }
    }
}
