import PolicyModel
import PolicyParsing

package extension TemplateNode {
    /// The same value as a positioned JSON node, to feed `PolicyParser.parse(node:)`: a policy
    /// error then points at the template line.
    func jsonNode() -> JSONNode {
        switch value {
        case .string(let text): JSONNode(.string(text), position: position)
        case .number(let text): JSONNode(.number(text), position: position)
        case .bool(let flag): JSONNode(.bool(flag), position: position)
        case .null: JSONNode(.null, position: position)
        case .list(let items): JSONNode(.array(items.map { $0.jsonNode() }), position: position)
        case .map(let members):
            JSONNode(.object(members.map {
                JSONMember(key: $0.key, keyPosition: $0.keyPosition, value: $0.value.jsonNode())
            }), position: position)
        }
    }

    /// A template node from JSON. Depth is bounded by the reader's own limit. For template input,
    /// `neutralizingTokens` replaces token brackets (see `SymbolToken.neutralize`); JSON built
    /// from resolved values keeps its tokens.
    init(json: JSONNode, neutralizingTokens: Bool = false) {
        switch json.value {
        case .string(let text):
            self.init(.string(neutralizingTokens ? SymbolToken.neutralize(text) : text), position: json.position)
        case .number(let text): self.init(.number(text), position: json.position)
        case .bool(let flag): self.init(.bool(flag), position: json.position)
        case .null: self.init(.null, position: json.position)
        case .array(let items):
            self.init(.list(items.map { TemplateNode(json: $0, neutralizingTokens: neutralizingTokens) }), position: json.position)
        case .object(let members):
            self.init(.map(members.map {
                TemplateMember(key: $0.key, keyPosition: $0.keyPosition, value: TemplateNode(json: $0.value, neutralizingTokens: neutralizingTokens))
            }), position: json.position)
        }
    }

    /// The value as compact JSON text (what `Fn::ToJsonString` and string-typed policy
    /// properties produce). Tokens need no escaping: they hold no quote or backslash.
    func jsonText() -> String {
        jsonOutput().renderedCompact()
    }

    /// The value as JSON to write out (a patched template, say).
    func jsonOutput() -> JSONOutput {
        switch value {
        case .string(let text): .string(text)
        case .number(let text): .number(text)
        case .bool(let flag): .bool(flag)
        case .null: .null
        case .list(let items): .array(items.map { $0.jsonOutput() })
        case .map(let members): .object(members.map { ($0.key, $0.value.jsonOutput()) })
        }
    }
}

package extension JSONNode {
    /// The same tree with every position replaced by `position`: JSON read from inside a
    /// template string has positions relative to that string, which would mislead.
    func relocated(to position: SourcePosition) -> JSONNode {
        switch value {
        case .array(let items):
            JSONNode(.array(items.map { $0.relocated(to: position) }), position: position)
        case .object(let members):
            JSONNode(.object(members.map {
                JSONMember(key: $0.key, keyPosition: position, value: $0.value.relocated(to: position))
            }), position: position)
        default:
            JSONNode(value, position: position)
        }
    }
}
