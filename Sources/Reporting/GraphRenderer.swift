import AccessGraph
import PolicyModel
import PolicyParsing

/// Renders an access graph as Graphviz DOT, Mermaid or JSON, and paths as text. Stable order.
/// Ids and labels come from templates and policies, so each format quotes and escapes every one:
/// no name can end its string, add a node or edge, or start a line.
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
            let text = mermaidText(node.label)
            lines.append(node.kind == .resource ? "  \(id)[\"\(text)\"]" : "  \(id)([\"\(text)\"])")
        }
        for edge in graph.edges {
            let arrow = edge.status == .undetermined ? "-.->" : "-->"
            lines.append("  \(identifiers[edge.from] ?? "n") \(arrow)|\"\(mermaidText(label(edge)))\"| \(identifiers[edge.to] ?? "n")")
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
        func chain(_ path: [AccessGraph.Edge]) -> String {
            guard let first = path.first else { return "" }
            return path.enumerated().reduce(labels[first.from] ?? first.from) { text, step in
                var edge = step.element
                if let action, step.offset == path.count - 1, let named = edge.actions.first(where: { $0.lowercased() == action.lowercased() }) {
                    edge.actions = [named]
                }
                return text + " --\(label(edge))--> " + (labels[edge.to] ?? edge.to)
            }
        }
        return paths.map { DisplayText.escaped(chain($0)) }.joined(separator: "\n") + "\n"
    }

    /// A DOT id or label: always quoted, with `\` and `"` escaped (DOT keeps `\\` as written, so
    /// ids stay distinct, and shows it as one backslash in labels, so `\N`-style escapes stay
    /// literal) and control characters escaped visibly.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in DisplayText.escaped(text).unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A Mermaid label's text, for inside `"…"`: control characters escaped visibly, and every
    /// ASCII character that could end the string or the shape, start markup (`<`, backticks,
    /// `$$` maths), an entity (`#`, `&`) or a link (`|`) written as Mermaid's entity code (`#34;`).
    static func mermaidText(_ text: String) -> String {
        var result = ""
        for scalar in DisplayText.escaped(text).unicodeScalars {
            let plain = scalar.value >= 0x80 || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || " .,:/_-*+=@?!'()".unicodeScalars.contains(scalar)
            if plain {
                result.unicodeScalars.append(scalar)
            } else {
                result += "#\(scalar.value);"
            }
        }
        return result
    }
}
