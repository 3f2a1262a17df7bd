import PolicyParsing
import AccessGraph

/// Renders an access graph as Graphviz DOT, Mermaid or JSON, and paths as text. Stable order.
package enum GraphRenderer {
    package enum Format: String, CaseIterable, Sendable {
        case dot, mermaid, json
    }

    package static func render(_ graph: AccessGraph, as format: Format) -> String {
        switch format {
        case .dot: dot(graph)
        case .mermaid: mermaid(graph)
        case .json: json(graph).rendered()
        }
    }

    static func label(_ edge: AccessGraph.Edge) -> String {
        let actions = edge.actions.count > 3 ? edge.actions.prefix(3).joined(separator: ", ") + ", …" : edge.actions.joined(separator: ", ")
        let service = edge.service.map { " to \($0)" } ?? ""
        return edge.kind.rawValue + ": " + actions + service + (edge.status == .undetermined ? " (undetermined)" : "")
    }

    package static func dot(_ graph: AccessGraph) -> String {
        var lines = ["digraph accessgraph {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];"]
        for node in graph.nodes {
            let shape = node.kind == .resource ? "box" : "ellipse"
            lines.append("  \(quoted(node.id)) [label=\(quoted(node.label)), shape=\(shape)];")
        }
        for edge in graph.edges {
            let style = edge.status == .undetermined ? ", style=dotted" : ""
            lines.append("  \(quoted(edge.from)) -> \(quoted(edge.to)) [label=\(quoted(label(edge)))\(style)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    package static func mermaid(_ graph: AccessGraph) -> String {
        var identifiers: [String: String] = [:]
        for (index, node) in graph.nodes.enumerated() { identifiers[node.id] = "n\(index)" }
        var lines = ["flowchart LR"]
        for node in graph.nodes {
            let id = identifiers[node.id] ?? "n"
            let text = node.label.replacingAll("\"", with: "'")
            lines.append(node.kind == .resource ? "  \(id)[\"\(text)\"]" : "  \(id)([\"\(text)\"])")
        }
        for edge in graph.edges {
            let arrow = edge.status == .undetermined ? "-.->" : "-->"
            lines.append("  \(identifiers[edge.from] ?? "n") \(arrow)|\"\(label(edge).replacingAll("\"", with: "'"))\"| \(identifiers[edge.to] ?? "n")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func json(_ graph: AccessGraph) -> JSONOutput {
        .object([
            ("nodes", .array(graph.nodes.map { node in
                .object([("id", .string(node.id)), ("kind", .string(node.kind.rawValue)), ("label", .string(node.label))])
            })),
            ("edges", .array(graph.edges.map(edgeJSON))),
        ])
    }

    static func edgeJSON(_ edge: AccessGraph.Edge) -> JSONOutput {
        .object([
            ("from", .string(edge.from)),
            ("to", .string(edge.to)),
            ("kind", .string(edge.kind.rawValue)),
            ("actions", .array(edge.actions.map(JSONOutput.string))),
            ("passedToService", .optional(edge.service)),
            ("status", .string(edge.status.rawValue)),
            ("reason", .string(edge.reason)),
            ("evidence", .array(edge.evidence.map(DecisionRenderer.statement))),
        ])
    }

    /// One chain per line: `A --can-assume--> B --can-act: es:ESHttpPost--> target`. With
    /// `action`, the last edge of each chain names that action rather than its first few.
    package static func pathsText(_ paths: [[AccessGraph.Edge]], graph: AccessGraph, action: String? = nil) -> String {
        let labels = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0.label) })
        if paths.isEmpty { return "no principal of the stack reaches it\n" }
        return paths.map { path in
            guard let first = path.first else { return "" }
            return path.enumerated().reduce(labels[first.from] ?? first.from) { text, step in
                var edge = step.element
                if let action, step.offset == path.count - 1, let named = edge.actions.first(where: { $0.lowercased() == action.lowercased() }) {
                    edge.actions = [named]
                }
                return text + " --\(label(edge))--> " + (labels[edge.to] ?? edge.to)
            }
        }.joined(separator: "\n") + "\n"
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
}
