/// A request-context value: one string, or a set of strings for a multivalued key such as
/// `aws:TagKeys`.
package enum ContextValue: Sendable, Hashable, CustomStringConvertible {
    case single(String)
    case multiple([String])

    package var values: [String] {
        switch self {
        case .single(let value): [value]
        case .multiple(let values): values
        }
    }

    package var description: String {
        switch self {
        case .single(let value): "`\(value)`"
        case .multiple(let values): "[" + values.map { "`\($0)`" }.joined(separator: ", ") + "]"
        }
    }
}

/// The request context: every key that exists, and no other. Key names are case-insensitive.
package struct RequestContext: Sendable, Hashable {
    private var storage: [String: ContextValue]
    /// Keys as the caller spelled them, for messages.
    private var spellings: [String: String]

    package init(_ values: [String: ContextValue] = [:]) {
        storage = [:]
        spellings = [:]
        for (key, value) in values { self[key] = value }
    }

    package subscript(key: String) -> ContextValue? {
        get { storage[key.lowercased()] }
        set {
            storage[key.lowercased()] = newValue
            spellings[key.lowercased()] = newValue == nil ? nil : key
        }
    }

    /// Lookup by an already lower-cased key (the hot path).
    package func value(lowercasedKey: String) -> ContextValue? {
        storage[lowercasedKey]
    }

    package var keys: [String] { spellings.values.sorted() }
}
