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
    /// Keyed by the lower-cased name; the value keeps the caller's spelling for messages.
    private var storage: [String: Entry]
    /// Lower-cased name → spelling, for keys whose value (and presence) is unknown.
    private var unknown: [String: String] = [:]
    /// How many values hold a symbolic token, kept up to date on every write so the evaluator
    /// can ask for free.
    private var symbolicValueCount = 0

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
        set {
            let lowered = key.lowercased()
            if storage[lowered]?.value.isSymbolic == true { symbolicValueCount -= 1 }
            if newValue?.isSymbolic == true { symbolicValueCount += 1 }
            storage[lowered] = newValue.map { Entry(spelling: key, value: $0) }
            if newValue != nil { unknown[lowered] = nil }
        }
    }

    /// Lookup by an already lower-cased key (the hot path).
    package func value(lowercasedKey: String) -> ContextValue? {
        storage[lowercasedKey]?.value
    }

    /// The keys as the caller spelled them, sorted.
    package var keys: [String] { storage.values.map(\.spelling).sorted() }

    /// Treats `key` as unknown: whether it is present, and its value, could be anything.
    package mutating func markUnknown(_ key: String) {
        self[key] = nil
        unknown[key.lowercased()] = key
    }

    package func isUnknown(lowercasedKey: String) -> Bool { unknown[lowercasedKey] != nil }

    /// The keys marked unknown, as the caller spelled them, sorted.
    package var unknownKeys: [String] { unknown.values.sorted() }

    /// True when a value is symbolic or a key is unknown: only then can a decision be undetermined.
    package var hasUnknowns: Bool { symbolicValueCount > 0 || !unknown.isEmpty }
}
