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
            Nodes are roles and users (with their groups' policies), the service, federated and account \
            principals that trust policies name, and the stack's resources with the sub-resources the \
            pipeline uses (stream, export, export objects, domain paths). Edges are can-assume (trust policy \
            evaluated with the caller's context), can-pass-role (iam:PassRole with iam:PassedToService set to \
            each service the role trusts) and can-act (read, write and permissions-management actions \
            allowed on the resource); an edge exists only where the access is allowed or undetermined, and \
            carries the deciding statements. With --to, prints every chain of edges that ends at that node \
            (an ARN or label), optionally for one --action.
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

        func execute(io: CommandIO) throws -> Int32 {
            if action != nil && to == nil { throw Self.usageFailure("--action selects chains; give --to as well", at: "--action") }
            let catalogue = try ServiceCatalogue.forCommand()
            let graph = AccessGraphBuilder.build(try input.loadInventory(catalogue: catalogue, io: io), catalogue: catalogue)
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
