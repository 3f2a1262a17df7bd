/// The entries of one `Action`/`NotAction` element, compiled for fast membership tests: AWS
/// managed policies list up to hundreds of actions per statement, and most requests are for
/// another service, so the service prefix is checked first, then exact names by hash, and only
/// then the wildcard entries.
package struct ActionSetMatcher: Sendable, Hashable {
    private let matchesAll: Bool
    /// Lower-cased service prefixes named by the entries; nil when a service part has a wildcard.
    private let services: [[UInt8]]?
    private let literals: Set<String>
    private let globs: [WildcardPattern]

    package init(_ patterns: [ActionPattern]) {
        var matchesAll = false
        var services: [[UInt8]]? = []
        var literals: Set<String> = []
        var globs: [WildcardPattern] = []
        for pattern in patterns {
            let matcher = pattern.matcher
            if matcher.matchesEverything { matchesAll = true }
            // The service prefix is known when the text before `:` has no wildcard.
            let leading = matcher.leadingLiteral
            if let colon = leading.firstIndex(of: UInt8(ascii: ":")) {
                let service = Array(leading[..<colon])
                if services?.contains(service) == false { services?.append(service) }
            } else {
                services = nil
            }
            if let literal = matcher.literalBytes {
                literals.insert(String(decoding: literal, as: UTF8.self))
            } else {
                globs.append(matcher)
            }
        }
        self.matchesAll = matchesAll
        self.services = matchesAll ? nil : services
        self.literals = literals
        self.globs = globs
    }

    /// True when some entry matches the action.
    package func matches(_ action: RequestAction) -> Bool {
        if matchesAll { return true }
        if let services {
            var named = false
            for service in services where service.count == action.serviceLength {
                if action.bytes.prefix(action.serviceLength).elementsEqual(service) {
                    named = true
                    break
                }
            }
            if !named { return false }
        }
        if !literals.isEmpty, literals.contains(action.lowercased) { return true }
        if globs.isEmpty { return false }
        return action.bytes.withUnsafeBufferPointer { buffer in
            globs.contains { $0.matches(bytes: buffer) }
        }
    }
}

/// A request's action, lower-cased once (action names are case-insensitive).
package struct RequestAction: Sendable, Hashable {
    package let lowercased: String
    let bytes: [UInt8]
    let serviceLength: Int

    package init(_ action: String) {
        lowercased = action.asciiLowercased
        bytes = Array(lowercased.utf8)
        serviceLength = bytes.firstIndex(of: UInt8(ascii: ":")) ?? -1
    }
}
