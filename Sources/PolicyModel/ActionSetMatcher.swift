/// The entries of one `Action`/`NotAction` element, compiled for fast membership tests: AWS
/// managed policies list up to hundreds of actions per statement, and most requests are for
/// another service, so the service prefix is checked first, then exact names by hash, and only
/// then the wildcard entries.
package final class ActionSetMatcher: Sendable, Hashable {
    private let matchesAll: Bool
    /// Hashes of the lower-cased service prefixes named by the entries; nil when a service part
    /// has a wildcard. A hash match only lets the exact checks below run, so a collision costs
    /// time, never correctness.
    package let services: [UInt64]?
    private let literals: Set<String>
    private let globs: [WildcardPattern]

    package init(_ patterns: [ActionPattern]) {
        var matchesAll = false
        var services: [UInt64]? = []
        var literals: Set<String> = []
        var globs: [WildcardPattern] = []
        for pattern in patterns {
            let matcher = pattern.matcher
            if matcher.matchesEverything { matchesAll = true }
            // The service prefix is known when the text before `:` has no wildcard.
            let leading = matcher.leadingLiteral
            if let colon = leading.firstIndex(of: UInt8(ascii: ":")) {
                let service = RequestAction.hash(leading[..<colon])
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

    package static func == (lhs: ActionSetMatcher, rhs: ActionSetMatcher) -> Bool {
        lhs === rhs || (lhs.matchesAll == rhs.matchesAll && lhs.literals == rhs.literals && lhs.globs == rhs.globs)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(literals)
        hasher.combine(globs)
    }

    /// True when some entry matches the action.
    package func matches(_ action: RequestAction) -> Bool {
        if matchesAll { return true }
        if let services, !services.contains(action.serviceHash) { return false }
        if !literals.isEmpty, literals.contains(action.lowercased) { return true }
        if globs.isEmpty { return false }
        var text = action.lowercased
        return text.withUTF8 { buffer in
            globs.contains { $0.matches(bytes: buffer) }
        }
    }
}

/// A request's action, lower-cased once (action names are case-insensitive).
package struct RequestAction: Sendable, Hashable {
    package let lowercased: String
    package let serviceHash: UInt64

    package init(_ action: String) {
        // One pass: lower-case (allocating only when there is an upper-case letter) and hash the
        // service prefix.
        var source = action
        (lowercased, serviceHash) = source.withUTF8 { bytes -> (String, UInt64) in
            var hash = Self.fnvOffset
            var inService = true
            var hasUpperCase = false
            for byte in bytes {
                if byte >= 65 && byte <= 90 { hasUpperCase = true }
                if inService {
                    if byte == UInt8(ascii: ":") { inService = false } else { hash = (hash ^ UInt64(byte.asciiLowercased)) &* Self.fnvPrime }
                }
            }
            guard hasUpperCase else { return (action, hash) }
            let lowered = String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in 0..<bytes.count { buffer[index] = bytes[index].asciiLowercased }
                return bytes.count
            }
            return (lowered, hash)
        }
    }

    private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    package var firstByte: UInt8? { lowercased.utf8.first }

    /// FNV-1a over the service prefix.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = fnvOffset
        for byte in bytes { hash = (hash ^ UInt64(byte.asciiLowercased)) &* fnvPrime }
        return hash
    }
}
