import PolicyModel
import Yams

/// Reads a YAML template into positioned template nodes. CloudFormation's short-form tags
/// (`!Ref X`, `!GetAtt A.B`, `!Sub …`) become the long form (`{"Ref": "X"}`), so the resolver
/// sees one syntax. Scalars are typed the way CloudFormation does: only plain `true`/`false`,
/// `null`/`~`/empty and JSON-style numbers lose their quotes; `2012-10-17` and `0123` stay strings.
struct YAMLTemplateReader {
    /// Each converted node or scalar byte costs one unit. Without aliases a document costs at most
    /// about twice its size; the rest of the budget is for legitimate anchor reuse, and an alias
    /// bomb ("billion laughs") stops here instead of exhausting memory.
    private let budget: Int
    private var spent = 0
    private let maximumDepth: Int

    private init(budget: Int, maximumDepth: Int) {
        self.budget = budget
        self.maximumDepth = maximumDepth
    }

    static func read(_ text: String, byteCount: Int, maximumDepth: Int) throws(DiagnosticError) -> TemplateNode {
        // Yams hashes mapping keys to find duplicates; a key built from aliases can be
        // exponentially large, so such keys are refused before Yams sees them.
        if let position = YAMLKeyScan.aliasInKey(text) {
            throw TemplateError.make(
                "template.unsupported-yaml", "aliases inside mapping keys are not supported", at: position)
        }
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: text)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw diagnostic(for: error, in: text)
        } catch {
            throw TemplateError.make("template.invalid-yaml", "invalid YAML: \(error)", at: .unknown)
        }
        guard let root else {
            throw TemplateError.make("template.empty", "the template is empty", at: SourcePosition(line: 1, column: 1))
        }
        var reader = YAMLTemplateReader(budget: 4 * byteCount + 100_000, maximumDepth: maximumDepth)
        // The parser owns the anchors the nodes point at weakly; keep it alive while converting.
        return try withExtendedLifetime(parser) { () throws(DiagnosticError) -> TemplateNode in
            try reader.convert(root, depth: 0)
        }
    }

    private static func position(_ mark: Mark?) -> SourcePosition {
        guard let mark else { return .unknown }
        return SourcePosition(line: mark.line, column: mark.column)
    }

    private mutating func spend(_ units: Int, at position: SourcePosition) throws(DiagnosticError) {
        spent += units
        if spent > budget {
            throw TemplateError.make(
                "template.too-large", "the YAML document expands beyond the size limit (too many alias expansions)", at: position)
        }
    }

    private mutating func convert(_ node: Node, depth: Int) throws(DiagnosticError) -> TemplateNode {
        let position = Self.position(node.mark)
        if depth > maximumDepth {
            throw TemplateError.make("template.too-deep", "nesting deeper than \(maximumDepth) levels", at: position)
        }
        try spend(1, at: position)
        let tag = Self.rawTag(of: node)
        if let function = Self.intrinsicTags[tag] {
            var inner = try convertUntagged(node, depth: depth + 1, position: position, tag: nil)
            // `!GetAtt A.B` names the attribute after the first dot (attributes may hold dots).
            if function == "Fn::GetAtt", let text = inner.stringValue, let dot = text.firstIndex(of: ".") {
                inner = TemplateNode(.list([
                    TemplateNode(.string(String(text[..<dot])), position: position),
                    TemplateNode(.string(String(text[text.index(after: dot)...])), position: position),
                ]), position: position)
            }
            return TemplateNode(.map([TemplateMember(key: function, keyPosition: position, value: inner)]), position: position)
        }
        if tag.hasPrefix("!"), tag != "!" {
            throw TemplateError.make("template.unknown-tag", "unknown YAML tag `\(tag)`", at: position,
                                     help: "CloudFormation short forms are `!Ref`, `!GetAtt`, `!Sub`, `!Join`, `!If` and the other `Fn::` names")
        }
        return try convertUntagged(node, depth: depth, position: position, tag: tag)
    }

    /// The node's content; `tag` is a standard tag (`!!str`) or nil when it was an intrinsic.
    private mutating func convertUntagged(
        _ node: Node, depth: Int, position: SourcePosition, tag: String?
    ) throws(DiagnosticError) -> TemplateNode {
        switch node {
        case .scalar(let scalar):
            try spend(scalar.string.utf8.count, at: position)
            return TemplateNode(Self.scalarValue(scalar, tag: tag), position: position)
        case .sequence(let sequence):
            var items: [TemplateNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, depth: depth + 1))
            }
            return TemplateNode(.list(items), position: position)
        case .mapping(let mapping):
            var members: [TemplateMember] = []
            members.reserveCapacity(mapping.count)
            var seen: Set<String> = []
            for (key, value) in mapping {
                let keyPosition = Self.position(key.mark)
                guard case .scalar(let keyScalar) = key else {
                    throw TemplateError.make("template.invalid-key", "mapping keys must be strings, found a \(Self.kindName(key))", at: keyPosition)
                }
                try spend(keyScalar.string.utf8.count, at: keyPosition)
                guard seen.insert(keyScalar.string).inserted else {
                    throw TemplateError.make("template.duplicate-key", "duplicate key `\(keyScalar.string)`", at: keyPosition)
                }
                members.append(TemplateMember(key: keyScalar.string, keyPosition: keyPosition, value: try convert(value, depth: depth + 1)))
            }
            return TemplateNode(.map(members), position: position)
        case .alias:
            // Yams substitutes aliases while composing; a bare alias node never reaches here.
            throw TemplateError.make("template.invalid-yaml", "unresolved YAML alias", at: position)
        }
    }

    private static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        case .alias: "alias"
        }
    }

    /// The tag as written (`!Ref`, `tag:yaml.org,2002:str`), or "" when implicit. Reads the
    /// stored tag, not `Node.tag`, which would run Yams's resolver and rewrite it.
    private static func rawTag(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.tag.description
        case .sequence(let sequence): sequence.tag.description
        case .mapping(let mapping): mapping.tag.description
        case .alias: ""
        }
    }

    private static let intrinsicTags: [String: String] = {
        var tags = ["!Ref": "Ref", "!Condition": "Condition"]
        for name in ["And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt", "GetAZs", "If", "ImportValue", "Join",
                     "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform"] {
            tags["!\(name)"] = "Fn::\(name)"
        }
        return tags
    }()

    private static func scalarValue(_ scalar: Node.Scalar, tag: String?) -> TemplateValue {
        let text = SymbolToken.neutralize(scalar.string)
        switch tag {
        case "tag:yaml.org,2002:str", "!":
            return .string(text)
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            return isJSONNumber(text) ? .number(text) : .string(text)
        case "tag:yaml.org,2002:bool":
            return plainBool(text).map(TemplateValue.bool) ?? .string(text)
        case "tag:yaml.org,2002:null":
            return .null
        default:
            break
        }
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let flag = plainBool(text) { return .bool(flag) }
        if isJSONNumber(text) { return .number(text) }
        return .string(text)
    }

    private static func plainBool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: numbers that mean the same in JSON.
    /// Anything else (`0123`, `+1`, `0x1F`, `.5`) stays a string, as account ids must.
    static func isJSONNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index] == 48 {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { return false }
        }
        return index == bytes.count
    }

    private static func diagnostic(for error: YamlError, in text: String) -> DiagnosticError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return TemplateError.make("template.invalid-yaml", message, at: position(mark))
        case .reader(let problem, let offset, _, _):
            return TemplateError.make("template.invalid-yaml", "invalid YAML: \(problem)", at: offset.map { position(ofCharacter: $0, in: text) } ?? .unknown)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return TemplateError.make("template.duplicate-key", "duplicate key \(names)", at: position(context.mark))
        default:
            return TemplateError.make("template.invalid-yaml", "invalid YAML: \(error)", at: .unknown)
        }
    }

    private static func position(ofCharacter offset: Int, in text: String) -> SourcePosition {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourcePosition(line: line, column: column)
    }
}
