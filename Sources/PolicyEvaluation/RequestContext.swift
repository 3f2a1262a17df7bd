import PolicyModel

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

    /// True when a value holds a symbolic `⟦…⟧` token.
    var isSymbolic: Bool {
        switch self {
        case .single(let value): SymbolToken.containsToken(value)
        case .multiple(let values): values.contains(where: SymbolToken.containsToken)
        }
    }
}

/// The request context: every key that exists, and no other, plus the keys whose value is not
/// known (`simulate --unknown-context`). Key names are case-insensitive.
package struct RequestContext: Sendable, Hashable {
    /// Keyed by the lower-cased name; the entry keeps the caller's spelling for messages. A key
    /// marked unknown has an entry without a value, so lookups read it as absent. One dictionary:
    /// every evaluation copies the context.
    private var storage: [String: Entry]
    /// The lower-cased keys whose value is symbolic or unknown, kept up to date on every write:
    /// only a statement that reads one of them can hinge on the context.
    private(set) var uncertainKeys: Set<String> = []

    private struct Entry: Sendable, Hashable {
        var spelling: String
        /// nil for a key marked unknown.
        var value: ContextValue?
    }

    package init(_ values: [String: ContextValue] = [:]) {
        storage = [:]
        for (key, value) in values { self[key] = value }
    }

    package subscript(key: String) -> ContextValue? {
        get { storage[key.lowercased()]?.value }
        set { set(key, newValue.map { Entry(spelling: key, value: $0) }) }
    }

    private mutating func set(_ key: String, _ entry: Entry?) {
        let lowered = key.lowercased()
        if let entry, entry.value == nil || entry.value?.isSymbolic == true {
            uncertainKeys.insert(lowered)
        } else {
            uncertainKeys.remove(lowered)
        }
        storage[lowered] = entry
    }

    /// Lookup by an already lower-cased key (the hot path).
    package func value(lowercasedKey: String) -> ContextValue? {
        storage[lowercasedKey]?.value
    }

    /// The keys that have a value, as the caller spelled them, sorted.
    package var keys: [String] { storage.values.filter { $0.value != nil }.map(\.spelling).sorted() }

    /// Treats `key` as unknown: whether it is present, and its value, could be anything.
    package mutating func markUnknown(_ key: String) {
        set(key, Entry(spelling: key, value: nil))
    }

    package func isUnknown(lowercasedKey: String) -> Bool {
        guard let entry = storage[lowercasedKey] else { return false }
        return entry.value == nil
    }

    /// The keys marked unknown, as the caller spelled them, sorted.
    package var unknownKeys: [String] { storage.values.filter { $0.value == nil }.map(\.spelling).sorted() }

    /// True when a value is symbolic or a key is unknown.
    package var hasUnknowns: Bool { !uncertainKeys.isEmpty }
}
