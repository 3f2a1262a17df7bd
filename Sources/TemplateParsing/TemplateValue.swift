import PolicyModel

/// A template value: JSON's data model, read from JSON or YAML. After resolution, strings may
/// hold symbol tokens (`⟦…⟧`) where a value is only known at deployment. Not `indirect`, as
/// `JSONNode.Value`: lists and maps already keep their elements out of line.
package enum TemplateValue: Sendable, Hashable {
    case string(String)
    /// The number's text as written, so nothing is lost (`"0123"` in YAML stays a string).
    case number(String)
    case bool(Bool)
    case null
    case list([TemplateNode])
    case map([TemplateMember])
}

/// A value and the place it was written.
package struct TemplateNode: Sendable, Hashable {
    package var value: TemplateValue
    package var position: SourcePosition

    package init(_ value: TemplateValue, position: SourcePosition = .unknown) {
        self.value = value
        self.position = position
    }

    package var typeName: String {
        switch value {
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        case .list: "list"
        case .map: "object"
        }
    }

    package var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// Strings, numbers and booleans as text: CloudFormation converts scalars where a string is
    /// expected (`Timeout: 30`, `Enabled: "true"`).
    package var scalarText: String? {
        switch value {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// A boolean, also written as the string `"true"` or `"false"` (case-insensitive), as
    /// CloudFormation accepts.
    package var boolValue: Bool? {
        switch value {
        case .bool(let flag): flag
        case .string(let text):
            switch text.lowercased() {
            case "true": true
            case "false": false
            default: nil
            }
        default: nil
        }
    }

    package var listValue: [TemplateNode]? {
        if case .list(let items) = value { return items }
        return nil
    }

    package var mapValue: [TemplateMember]? {
        if case .map(let members) = value { return members }
        return nil
    }

    package var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The member named `key` (exact spelling), if this is a map.
    package subscript(key: String) -> TemplateNode? {
        mapValue?.first { $0.key == key }?.value
    }

    /// The member named `key` with its key's position, if this is a map.
    package func member(_ key: String) -> TemplateMember? {
        mapValue?.first { $0.key == key }
    }

    /// True when the string holds at least one symbol token.
    package var isSymbolic: Bool {
        stringValue.map(SymbolToken.containsToken) ?? false
    }
}

package struct TemplateMember: Sendable, Hashable {
    package var key: String
    package var keyPosition: SourcePosition
    package var value: TemplateNode

    package init(key: String, keyPosition: SourcePosition, value: TemplateNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}
