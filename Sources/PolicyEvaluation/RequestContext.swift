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
    /// Keyed by the lower-cased name; the value keeps the caller's spelling for messages.
    private var storage: [String: Entry]

    private struct Entry: Sendable, Hashable {
        var spelling: String
        var value: ContextValue
    }

    package init(_ values: [String: ContextValue] = [:]) {
        storage = [:]
        for (key, value) in values { self[key] = value }
    }

    package subscript(key: String) -> ContextValue? {
        get { storage[key.lowercased()]?.value }
        set { storage[key.lowercased()] = newValue.map { Entry(spelling: key, value: $0) } }
    }

    /// Lookup by an already lower-cased key (the hot path).
    package func value(lowercasedKey: String) -> ContextValue? {
        storage[lowercasedKey]?.value
    }

    /// The keys as the caller spelled them, sorted.
    package var keys: [String] { storage.values.map(\.spelling).sorted() }
}
