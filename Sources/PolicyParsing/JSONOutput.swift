import PolicyModel

/// A JSON value built for output: the one JSON writer (reports, policies, template values).
/// Objects keep the order they are built in, so output is deterministic and reads in a sensible
/// order (id first, details after). Strings are quoted by `JSONText`.
package indirect enum JSONOutput: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number's text, written as is (a template's `1.50` stays `1.50`).
    case number(String)
    case string(String)
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    package static func int(_ value: Int) -> JSONOutput {
        .number(String(value))
    }

    package static func == (lhs: JSONOutput, rhs: JSONOutput) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(rendered())
    }

    package static func optional(_ text: String?) -> JSONOutput {
        text.map(JSONOutput.string) ?? .null
    }

    /// Pretty-printed with two-space indentation and a final newline.
    package func rendered() -> String {
        var output = ""
        write(to: &output, indent: 0)
        output += "\n"
        return output
    }

    /// Without any whitespace or final newline, as `Fn::ToJsonString` writes JSON.
    package func renderedCompact() -> String {
        var output = ""
        write(to: &output, indent: nil)
        return output
    }

    /// - Parameter indent: the nesting depth when pretty-printing; nil for compact output.
    fileprivate func write(to output: inout String, indent: Int?) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text): output += text
        case .string(let value): JSONText.appendQuoted(value, to: &output)
        case .array(let items):
            writeContainer("[", "]", items, to: &output, indent: indent) { item, output, inner in
                item.write(to: &output, indent: inner)
            }
        case .object(let members):
            writeContainer("{", "}", members, to: &output, indent: indent) { member, output, inner in
                JSONText.appendQuoted(member.0, to: &output)
                output += inner == nil ? ":" : ": "
                member.1.write(to: &output, indent: inner)
            }
        }
    }

    private func writeContainer<Item>(
        _ open: String, _ close: String, _ items: [Item], to output: inout String, indent: Int?,
        writeItem: (Item, inout String, Int?) -> Void
    ) {
        if items.isEmpty { output += open + close; return }
        guard let indent else {
            output += open
            for (offset, item) in items.enumerated() {
                if offset > 0 { output += "," }
                writeItem(item, &output, nil)
            }
            output += close
            return
        }
        output += open + "\n"
        for (offset, item) in items.enumerated() {
            output += String(repeating: "  ", count: indent + 1)
            writeItem(item, &output, indent + 1)
            output += offset == items.count - 1 ? "\n" : ",\n"
        }
        output += String(repeating: "  ", count: indent) + close
    }
}

extension JSONOutput {
    /// Writes, pretty-printed, the object `.object(members.map { ($0.0, .array(Array($0.1))) })`
    /// would render, byte for byte, one array item at a time: each item is built, handed to `write`
    /// with the text before it, and dropped, so an output of any size is never held whole.
    package static func streamObjectOfArrays(
        _ members: [(String, any Sequence<JSONOutput>)], to write: (String) throws -> Void
    ) rethrows {
        guard !members.isEmpty else { return try write("{}\n") }
        for (offset, member) in members.enumerated() {
            var opening = offset == 0 ? "{\n  " : ",\n  "
            JSONText.appendQuoted(member.0, to: &opening)
            try write(opening + ": [")
            var isEmpty = true
            for item in member.1 {
                var text = isEmpty ? "\n    " : ",\n    "
                item.write(to: &text, indent: 2)
                try write(text)
                isEmpty = false
            }
            try write(isEmpty ? "]" : "\n  ]")
        }
        try write("\n}\n")
    }

    /// A parsed value written back (positions dropped), to save or edit what was read.
    package init(_ node: JSONNode) {
        switch node.value {
        case .string(let text): self = .string(text)
        case .number(let text): self = .number(text)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        case .array(let items): self = .array(items.map(JSONOutput.init))
        case .object(let members): self = .object(members.map { ($0.key, JSONOutput($0.value)) })
        }
    }
}
