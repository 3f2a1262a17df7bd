import AccessGraph
import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// Renders an access graph as Graphviz DOT, Mermaid, JSON or CSV, and paths as text. Stable order.
/// Ids and labels come from templates and policies, so each format quotes and escapes every one:
/// no name can end its string, add a node or edge, or start a line. Every file is written a
/// node or an edge at a time, so a graph of an account is never held as one text.
package enum GraphRenderer {
    /// What `graph --format` prints; csv is two files.
    package enum Format: String, CaseIterable, Sendable {
        case dot, mermaid, json, csv

        package var files: [File] {
            switch self {
            case .dot: [.dot]
            case .mermaid: [.mermaid]
            case .json: [.json]
            case .csv: [.nodesCSV, .edgesCSV]
            }
        }
    }

    /// One file of a format, named as `graph --output DIR` names it.
    package enum File: String, CaseIterable, Sendable {
        case dot = "graph.dot", mermaid = "graph.mmd", json = "graph.json", nodesCSV = "nodes.csv", edgesCSV = "edges.csv"

        package var name: String { rawValue }

        /// The size past which a drawing is no longer read (nil: a data file, never refused).
        package var drawingLimit: DrawingLimit? {
            switch self {
            case .dot: DrawingLimit(format: "DOT", edges: 2_000)
            case .mermaid: DrawingLimit(format: "Mermaid", edges: 500)
            case .json, .nodesCSV, .edgesCSV: nil
            }
        }
    }

    /// How many edges (and half as many nodes) a drawn format takes. Graphviz lays out a few
    /// thousand edges into a picture nobody reads; Mermaid refuses more than its `maxEdges`, 500
    /// by default.
    package struct DrawingLimit: Sendable, Equatable {
        package var format: String
        package var edges: Int
        package var nodes: Int { edges / 2 }

        package init(format: String, edges: Int) {
            self.format = format
            self.edges = edges
        }

        /// Why `graph` is too large to draw, naming its size and the limit; nil when it fits.
        package func refusal(of graph: AccessGraph) -> String? {
            guard graph.edges.count > edges || graph.nodes.count > nodes else { return nil }
            return "the graph has \(graph.edges.count) edges and \(graph.nodes.count) nodes, more than \(format) output draws "
                + "(at most \(edges) edges and \(nodes) nodes)"
        }
    }

    /// The whole file as one text, for what is known to be small (tests, a drawing within its limit).
    package static func render(_ graph: AccessGraph, as file: File) -> String {
        var text = ""
        write(graph, as: file) { text += $0 }
        return text
    }

    /// Hands `file`'s text to `output` a line, a node or an edge at a time.
    package static func write(_ graph: AccessGraph, as file: File, to output: (String) throws -> Void) rethrows {
        switch file {
        case .dot: try dot(graph, to: output)
        case .mermaid: try mermaid(graph, to: output)
        case .json:
            try JSONOutput.streamObjectOfArrays([("nodes", graph.nodes.lazy.map(nodeJSON)), ("edges", graph.edges.lazy.map(edgeJSON))], to: output)
        case .nodesCSV: try nodesCSV(graph, to: output)
        case .edgesCSV: try edgesCSV(graph, to: output)
        }
    }

    static func label(_ edge: AccessGraph.Edge) -> String {
        let actions = edge.actions.count > 3 ? edge.actions.prefix(3).joined(separator: ", ") + ", …" : edge.actions.joined(separator: ", ")
        let service = edge.service.map { " to \($0)" } ?? ""
        if let technique = edge.technique { return edge.kind.rawValue + ": " + technique + (edge.status == .undetermined ? " (undetermined)" : "") }
        return edge.kind.rawValue + ": " + actions + service + (edge.status == .undetermined ? " (undetermined)" : "")
    }

    /// The member ids of a node that stands for a set of roles or principals; empty for a node
    /// that is itself.
    static func members(of node: AccessGraph.Node) -> [String] { node.members }

    /// A node's label in a drawing: a set of roles shows how many it holds.
    static func drawnLabel(_ node: AccessGraph.Node) -> String {
        let count = members(of: node).count
        return count == 0 ? node.label : "\(node.label) (\(count) \(count == 1 ? "member" : "members"))"
    }

    static func dot(_ graph: AccessGraph, to output: (String) throws -> Void) rethrows {
        try output("digraph accessgraph {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n")
        for node in graph.nodes {
            let shape = node.kind == .resource ? "box" : "ellipse"
            try output("  \(quoted(node.id)) [label=\(quoted(drawnLabel(node))), shape=\(shape)];\n")
        }
        for edge in graph.edges {
            let style = edge.status == .undetermined ? ", style=dotted" : ""
            try output("  \(quoted(edge.from)) -> \(quoted(edge.to)) [label=\(quoted(label(edge)))\(style)];\n")
        }
        try output("}\n")
    }

    static func mermaid(_ graph: AccessGraph, to output: (String) throws -> Void) rethrows {
        var identifiers: [String: String] = [:]
        for (index, node) in graph.nodes.enumerated() { identifiers[node.id] = "n\(index)" }
        try output("flowchart LR\n")
        for node in graph.nodes {
            let id = identifiers[node.id] ?? "n"
            let text = mermaidText(drawnLabel(node))
            try output(node.kind == .resource ? "  \(id)[\"\(text)\"]\n" : "  \(id)([\"\(text)\"])\n")
        }
        for edge in graph.edges {
            let arrow = edge.status == .undetermined ? "-.->" : "-->"
            try output("  \(identifiers[edge.from] ?? "n") \(arrow)|\"\(mermaidText(label(edge)))\"| \(identifiers[edge.to] ?? "n")\n")
        }
    }

    static func nodeJSON(_ node: AccessGraph.Node) -> JSONOutput {
        let members = members(of: node)
        return .object([("id", .string(node.id)), ("kind", .string(node.kind.rawValue)), ("label", .string(node.label))]
            + (members.isEmpty ? [] : [("members", .array(members.map(JSONOutput.string)))]))
    }

    static func edgeJSON(_ edge: AccessGraph.Edge) -> JSONOutput {
        .object([
            ("from", .string(edge.from)),
            ("to", .string(edge.to)),
            ("kind", .string(edge.kind.rawValue)),
            ("actions", .array(edge.actions.map(JSONOutput.string))),
            ("passedToService", .optional(edge.service)),
        ] + (edge.technique.map { [("technique", JSONOutput.string($0))] } ?? []) + [
            ("status", .string(edge.status.rawValue)),
            ("reason", .string(edge.reason)),
            ("evidence", .array(edge.evidence.map(DecisionRenderer.statement))),
        ])
    }

    /// Nodes for graph databases (Neo4j's `LOAD CSV WITH HEADERS`, networkx through Python's
    /// `csv`): one row per node, a set's member ids joined with `;`.
    static func nodesCSV(_ graph: AccessGraph, to output: (String) throws -> Void) rethrows {
        try output(csvRow(["id", "kind", "label", "members"]))
        for node in graph.nodes {
            try output(csvRow([node.id, node.kind.rawValue, node.label, members(of: node).joined(separator: ";")]))
        }
    }

    /// Edges for graph databases: one row per edge, its actions and its evidence (each statement
    /// as text reports name it: `policy statement N (Sid) at line:column`) joined with `;`.
    static func edgesCSV(_ graph: AccessGraph, to output: (String) throws -> Void) rethrows {
        try output(csvRow(["from", "to", "kind", "actions", "service", "technique", "status", "reason", "evidence"]))
        for edge in graph.edges {
            try output(csvRow([edge.from, edge.to, edge.kind.rawValue, edge.actions.joined(separator: ";"), edge.service ?? "", edge.technique ?? "",
                               edge.status.rawValue, edge.reason, edge.evidence.map(\.description).joined(separator: ";")]))
        }
    }

    /// One RFC 4180 record ending in CRLF: a field holding a comma, a quote or a line break is
    /// quoted, its quotes doubled. Text is kept as it is, as in JSON: these are data files, never
    /// printed to a terminal.
    static func csvRow(_ fields: [String]) -> String {
        fields.map { field in
            guard field.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return field }
            var quoted = "\""
            for scalar in field.unicodeScalars {
                if scalar == "\"" { quoted += "\"" }
                quoted.unicodeScalars.append(scalar)
            }
            return quoted + "\""
        }.joined(separator: ",") + "\r\n"
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
