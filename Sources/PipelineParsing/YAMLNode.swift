import PolicyModel
import Yams

/// A mapping entry whose key is a scalar.
struct YAMLEntry {
    var key: String
    var keyNode: Node
    var value: Node

    var keyPosition: SourcePosition { keyNode.sourcePosition }
}

extension Node {
    var sourcePosition: SourcePosition {
        guard let mark else { return .unknown }
        return SourcePosition(line: mark.line, column: mark.column)
    }

    /// The kind of value, for messages: `a string`, `a number`, `a boolean`, `null`, `a list`,
    /// `a mapping`.
    var typeName: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            if isNull { return "null" }
            if bool != nil { return "a boolean" }
            if int != nil || float != nil { return "a number" }
            return "a string"
        }
    }

    var isNull: Bool {
        if case .scalar = self { return null != nil }
        return false
    }

    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// The entries of a mapping with scalar keys, in file order; entries with a list or mapping
    /// as key are left out (no Data Prepper option is spelled that way).
    var mappingEntries: [YAMLEntry]? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping.compactMap { key, value in
            guard case .scalar(let scalar) = key else { return nil }
            return YAMLEntry(key: scalar.string, keyNode: key, value: value)
        }
    }
}

extension [YAMLEntry] {
    /// The entry with this key. Yams rejects duplicate keys, so there is at most one.
    subscript(key: String) -> YAMLEntry? {
        first { $0.key == key }
    }
}
