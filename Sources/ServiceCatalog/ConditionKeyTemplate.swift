import PolicyModel

/// A condition-key name with placeholders, such as `aws:PrincipalTag/${TagKey}` or
/// `s3:ExistingObjectTag/<key>`, as a pattern in which each placeholder stands for one or more
/// characters. Names compare case-insensitively.
package struct ConditionKeyTemplate: Sendable {
    /// Compiled over the lower-cased name.
    private let pattern: WildcardPattern
    /// The literal text before the first and after the last placeholder, as the name writes it.
    let head: String
    let tail: String

    /// nil when the name has no placeholder.
    package init?(_ name: String) {
        // Most names have no placeholder: a byte scan settles those.
        guard name.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "<") }) else { return nil }
        var elements: [WildcardPattern.Element] = []
        var head: String?
        var literal = ""
        var rest = Substring(name)
        while let first = rest.first {
            let closer: Character? = first == "<" ? ">" : (first == "$" && rest.dropFirst().first == "{" ? "}" : nil)
            if let closer, let close = rest.firstIndex(of: closer) {
                if head == nil { head = literal }
                // `*` and `?` never appear in key names; `.text` keeps them literal if they ever do.
                if !literal.isEmpty { elements.append(.text(literal.lowercased())) }
                elements += [.question, .star]
                literal = ""
                rest = rest[rest.index(after: close)...]
                continue
            }
            literal.append(first)
            rest = rest.dropFirst()
        }
        guard let head else { return nil }
        if !literal.isEmpty { elements.append(.text(literal.lowercased())) }
        self.pattern = WildcardPattern(elements: elements)
        self.head = head
        self.tail = literal
    }

    /// Whether `key` is an instance of the template, case-insensitively.
    package func matches(_ key: String) -> Bool {
        matches(lowercasedKey: key.lowercased())
    }

    func matches(lowercasedKey: String) -> Bool {
        pattern.matches(lowercasedKey)
    }
}
