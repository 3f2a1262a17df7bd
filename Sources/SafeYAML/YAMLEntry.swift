import PolicyModel

/// A mapping entry whose key is a scalar.
package struct YAMLEntry: Sendable {
    package var key: String
    package var keyNode: YAMLNode
    package var value: YAMLNode

    package var keyPosition: SourcePosition { keyNode.position }
}

extension YAMLNode {
    /// The kind of value, for messages: `a string`, `a number`, `a boolean`, `null`, `a list`,
    /// `a mapping`.
    package var typeName: String {
        switch schemaValue {
        case nil: return sequence != nil ? "a list" : "a mapping"
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        }
    }

    /// A plain `true`/`false` (or `yes`/`no`/`on`/`off`, in Yams's schema).
    package var bool: Bool? {
        if case .bool(let value) = schemaValue { return value }
        return nil
    }

    package var scalarText: String? { scalar?.text }

    /// The entries of a mapping with scalar keys, in file order; entries with a list or mapping
    /// as key are left out (readers report those keys themselves).
    package var mappingEntries: [YAMLEntry]? {
        guard let mapping else { return nil }
        return mapping.compactMap { entry in
            guard let key = entry.key.scalar else { return nil }
            return YAMLEntry(key: key.text, keyNode: entry.key, value: entry.value)
        }
    }
}

extension [YAMLEntry] {
    /// The entry with this key. SafeYAML rejects duplicate keys, so there is at most one.
    package subscript(key: String) -> YAMLEntry? {
        first { $0.key == key }
    }
}
