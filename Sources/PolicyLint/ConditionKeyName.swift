import PolicyModel

/// Matching a condition key as written against the names the catalogue lists for an action,
/// which may be templates: `s3:ExistingObjectTag/<key>`, `aws:RequestTag/${TagKey}`.
enum ConditionKeyName {
    /// True when `key` is `name` (case-insensitively), or an instance of the template `name`, where
    /// each placeholder stands for one or more characters.
    static func key(_ key: String, isInstanceOf name: String) -> Bool {
        let lowerKey = key.lowercased()
        let lowerName = name.lowercased()
        if lowerKey == lowerName { return true }
        guard lowerName.contains("${") || lowerName.contains("<") else { return false }
        return pattern(for: lowerName).matches(lowerKey)
    }

    private static func pattern(for template: String) -> WildcardPattern {
        var elements: [WildcardPattern.Element] = []
        var literal = ""
        var rest = Substring(template)
        while let first = rest.first {
            let closer: Character? = first == "<" ? ">" : (first == "$" && rest.dropFirst().first == "{" ? "}" : nil)
            if let closer, let close = rest.firstIndex(of: closer) {
                if !literal.isEmpty { elements.append(.text(literal)); literal = "" }
                elements += [.question, .star]
                rest = rest[rest.index(after: close)...]
                continue
            }
            literal.append(first)
            rest = rest.dropFirst()
        }
        if !literal.isEmpty { elements.append(.text(literal)) }
        return WildcardPattern(elements: elements)
    }
}
