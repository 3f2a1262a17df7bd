import PolicyModel
import SafeYAML

/// Reads a YAML template into positioned template nodes. CloudFormation's short-form tags
/// (`!Ref X`, `!GetAtt A.B`, `!Sub …`) become the long form (`{"Ref": "X"}`), so the resolver
/// sees one syntax. Scalars are typed the way CloudFormation does: only plain `true`/`false`,
/// `null`/`~`/empty and JSON-style numbers lose their quotes; `2012-10-17` and `0123` stay strings.
/// Limits, alias defences, duplicate keys and YAML errors are `SafeYAML`'s.
enum YAMLTemplateReader {
    static func read(_ text: String) throws(DiagnosticError) -> TemplateNode {
        let limits = YAMLLimits(maximumBytes: InputLimits.templateBytes, maximumDepth: InputLimits.templateDepth)
        guard let root = try SafeYAML.parse(text, limits: limits, code: code(for:)) else {
            throw TemplateError.make("template.empty", "the template is empty", at: SourcePosition(line: 1, column: 1))
        }
        // SafeYAML has bounded the expanded size and depth, so the recursion below is bounded too.
        return try convert(root)
    }

    private static func code(for kind: SafeYAMLError.Kind) -> String {
        switch kind {
        case .tooLarge, .tooManyAliases, .expansionTooLarge: "template.too-large"
        case .tooDeep: "template.too-deep"
        case .aliasInKey: "template.unsupported-yaml"
        case .syntax: "template.invalid-yaml"
        case .duplicateKey: "template.duplicate-key"
        }
    }

    private static func convert(_ node: YAMLNode) throws(DiagnosticError) -> TemplateNode {
        let position = node.position
        if let function = intrinsicTags[node.tag] {
            var inner = try convertUntagged(node, tag: nil)
            // `!GetAtt A.B` names the attribute after the first dot (attributes may hold dots).
            if function == "Fn::GetAtt", let text = inner.stringValue, let dot = text.firstIndex(of: ".") {
                inner = TemplateNode(.list([
                    TemplateNode(.string(String(text[..<dot])), position: position),
                    TemplateNode(.string(String(text[text.index(after: dot)...])), position: position),
                ]), position: position)
            }
            return TemplateNode(.map([TemplateMember(key: function, keyPosition: position, value: inner)]), position: position)
        }
        if node.tag.hasPrefix("!"), node.tag != "!" {
            throw TemplateError.make("template.unknown-tag", "unknown YAML tag `\(node.tag)`", at: position,
                                     help: "CloudFormation short forms are `!Ref`, `!GetAtt`, `!Sub`, `!Join`, `!If` and the other `Fn::` names")
        }
        return try convertUntagged(node, tag: node.tag)
    }

    /// The node's content; `tag` is a standard tag (`tag:yaml.org,2002:str`) or nil when it was an intrinsic.
    private static func convertUntagged(_ node: YAMLNode, tag: String?) throws(DiagnosticError) -> TemplateNode {
        switch node.content {
        case .scalar(let scalar):
            return TemplateNode(scalarValue(scalar, tag: tag), position: node.position)
        case .sequence(let sequence):
            var items: [TemplateNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item))
            }
            return TemplateNode(.list(items), position: node.position)
        case .mapping(let mapping):
            var members: [TemplateMember] = []
            members.reserveCapacity(mapping.count)
            for entry in mapping {
                guard let key = entry.key.scalar else {
                    throw TemplateError.make("template.invalid-key", "mapping keys must be strings, found a \(kindName(entry.key))", at: entry.key.position)
                }
                members.append(TemplateMember(key: key.text, keyPosition: entry.key.position, value: try convert(entry.value)))
            }
            return TemplateNode(.map(members), position: node.position)
        }
    }

    private static func kindName(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar: "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        }
    }

    private static let intrinsicTags: [String: String] = {
        var tags = ["!Ref": "Ref", "!Condition": "Condition"]
        // The rule functions' short forms too (`!Contains`, `!ValueOf`), which cfn-lint reads.
        for name in ["And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt", "GetAZs", "If", "ImportValue", "Join",
                     "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform",
                     "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll"] {
            tags["!\(name)"] = "Fn::\(name)"
        }
        return tags
    }()

    private static func scalarValue(_ scalar: YAMLScalar, tag: String?) -> TemplateValue {
        let text = SymbolToken.neutralize(scalar.text)
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
        guard scalar.style == .plain else { return .string(text) }
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
}
