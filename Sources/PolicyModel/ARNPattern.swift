/// A compiled `Resource` entry (or ARN condition value). An ARN has six colon-separated parts
/// (`arn:partition:service:region:account:resource`); wildcards in the first five stay inside
/// their part, and in the resource part `*` crosses `/` and `:`. For `Resource` the first five
/// parts compare case-insensitively and the resource part case-sensitively; ARN condition
/// operators compare every part case-sensitively.
package struct ARNPattern: Sendable, Hashable {
    package enum Shape: Sendable, Hashable {
        /// `*`, or text that is not an ARN: matched as one glob over the whole string.
        case whole(WildcardPattern)
        /// The five prefix parts (lower-cased when case-insensitive) and the resource part.
        case segmented(prefix: [WildcardPattern], resource: WildcardPattern)
    }

    package let shape: Shape

    /// - Parameters:
    ///   - caseInsensitivePrefix: true for `Resource` matching; false for `ArnLike`, where every
    ///     part is case-sensitive.
    ///   - resolve: the value of a policy variable (lower-cased key), or nil when it has none.
    ///     Returns nil when a variable cannot be resolved: such an entry matches nothing.
    package init?(template: PolicyVariableString, caseInsensitivePrefix: Bool = true, resolve: (String) -> String?) {
        if template.isPlainText {
            shape = Self.shape(ofGlob: Array(template.raw.utf8), caseInsensitivePrefix: caseInsensitivePrefix)
            return
        }
        guard let elements = template.globElements(resolve: resolve) else { return nil }
        shape = Self.shape(of: elements, caseInsensitivePrefix: caseInsensitivePrefix)
    }

    package var matchesEverything: Bool {
        if case .whole(let pattern) = shape { return pattern.matchesEverything }
        return false
    }

    /// The fast path: plain glob text, split at its first five colons.
    private static func shape(ofGlob bytes: [UInt8], caseInsensitivePrefix: Bool) -> Shape {
        let colons = SplitARN.partStarts(bytes)
        guard let colons else { return .whole(WildcardPattern(globBytes: bytes)) }
        var prefix: [WildcardPattern] = []
        prefix.reserveCapacity(5)
        for part in 0..<5 {
            let slice = bytes[colons[part]..<(colons[part + 1] - 1)]
            prefix.append(caseInsensitivePrefix ? WildcardPattern(globBytes: slice.lazy.map(\.asciiLowercased)) : WildcardPattern(globBytes: slice))
        }
        return .segmented(prefix: prefix, resource: WildcardPattern(globBytes: bytes[colons[5]...]))
    }

    /// Templates with variables or escapes: substituted text is literal, so it is split at colons
    /// only where the policy's own text has them.
    private static func shape(of elements: [WildcardPattern.Element], caseInsensitivePrefix: Bool) -> Shape {
        var segments: [[WildcardPattern.Element]] = [[]]
        for element in elements {
            guard segments.count < 6, case .text(let text) = element, text.contains(":") else {
                segments[segments.count - 1].append(element)
                continue
            }
            var current = ""
            for character in text.unicodeScalars {
                if character == ":" && segments.count < 6 {
                    if !current.isEmpty { segments[segments.count - 1].append(.text(current)) }
                    current = ""
                    segments.append([])
                } else {
                    current.unicodeScalars.append(character)
                }
            }
            if !current.isEmpty { segments[segments.count - 1].append(.text(current)) }
        }
        guard segments.count == 6 else {
            return .whole(WildcardPattern(elements: elements))
        }
        let prefix = segments[0..<5].map { segment in
            WildcardPattern(elements: caseInsensitivePrefix ? segment.map(\.asciiLowercased) : segment)
        }
        return .segmented(prefix: prefix, resource: WildcardPattern(elements: segments[5]))
    }

    /// - Parameter arn: the request's resource, split once per request.
    package func matches(_ arn: SplitARN, caseInsensitivePrefix: Bool = true) -> Bool {
        switch shape {
        case .whole(let pattern):
            return pattern.matches(arn.text)
        case .segmented(let prefix, let resource):
            return arn.withBytes(lowercased: caseInsensitivePrefix) { buffer, starts in
                for index in 0..<5 {
                    let part = UnsafeBufferPointer(rebasing: buffer[starts[index]..<(starts[index + 1] - 1)])
                    if !prefix[index].matches(bytes: part) { return false }
                }
                return resource.matches(bytes: UnsafeBufferPointer(rebasing: buffer[starts[5]...]))
            } ?? false
        }
    }
}

extension ARNPattern {
    /// The texts this pattern matches, with `caseInsensitivePrefix` as for `matches`. A segmented
    /// pattern is its parts joined by `:`, with the first five parts' wildcards standing for
    /// characters other than `:` (a part never holds one), so the joined text splits exactly where
    /// the request's ARN does.
    package func language(caseInsensitivePrefix: Bool = true) -> PatternLanguage {
        switch shape {
        case .whole(let pattern):
            return pattern.language
        case .segmented(let prefix, let resource):
            let partCharacters = ScalarSet.anyExcept([":"])
            var steps: [PatternLanguage.Step] = []
            for part in prefix {
                steps += part.steps(within: partCharacters, foldingASCIICase: caseInsensitivePrefix)
                steps.append(.one(.only([":"])))
            }
            steps += resource.steps(within: .any, foldingASCIICase: false)
            return PatternLanguage(steps: steps)
        }
    }

    /// Whether some resource matches both patterns.
    package func intersects(_ other: ARNPattern, caseInsensitivePrefix: Bool = true) -> Bool {
        if let parts = Self.comparableParts(self, other, caseInsensitivePrefix: caseInsensitivePrefix) {
            return parts.allSatisfy { $0.intersects($1) }
        }
        return language(caseInsensitivePrefix: caseInsensitivePrefix).intersects(other.language(caseInsensitivePrefix: caseInsensitivePrefix))
    }

    /// Whether every resource `other` matches, this pattern matches too. May answer false for
    /// hostile patterns it cannot decide quickly (`PatternLanguage.subsumes`).
    package func subsumes(_ other: ARNPattern, caseInsensitivePrefix: Bool = true) -> Bool {
        var budget = Int.max
        return subsumes(other, caseInsensitivePrefix: caseInsensitivePrefix, budget: &budget)
    }

    /// As `subsumes(_:caseInsensitivePrefix:)`, within `budget` (`WildcardPattern.subsumes(_:budget:)`).
    package func subsumes(_ other: ARNPattern, caseInsensitivePrefix: Bool = true, budget: inout Int) -> Bool {
        if matchesEverything { return true }
        if let parts = Self.comparableParts(self, other, caseInsensitivePrefix: caseInsensitivePrefix) {
            return parts.allSatisfy { $0.subsumes($1, budget: &budget) }
        }
        guard byteCount <= WildcardPattern.maximumComparedLength, other.byteCount <= WildcardPattern.maximumComparedLength else { return false }
        let language = language(caseInsensitivePrefix: caseInsensitivePrefix)
        let otherLanguage = other.language(caseInsensitivePrefix: caseInsensitivePrefix)
        budget -= language.steps.count + otherLanguage.steps.count
        guard budget >= 0 else { return false }
        return language.subsumes(otherLanguage, budget: &budget)
    }

    /// The pattern's length in bytes (`WildcardPattern.byteCount`), colons included.
    var byteCount: Int {
        switch shape {
        case .whole(let pattern): pattern.byteCount
        case .segmented(let prefix, let resource): prefix.reduce(resource.byteCount + 5) { $0 + $1.byteCount }
        }
    }

    /// False when the pattern matches exactly one text (no part has a wildcard).
    package var hasWildcards: Bool {
        switch shape {
        case .whole(let pattern): pattern.hasWildcards
        case .segmented(let prefix, let resource): resource.hasWildcards || prefix.contains(where: \.hasWildcards)
        }
    }

    /// The six pairs of parts, when two patterns can be compared part by part: both read by parts,
    /// so the texts each matches are products of its parts' texts. Then patterns overlap (or one
    /// covers the other) exactly when every pair of parts does, and plain globs compare the parts:
    /// a text one part's wildcards take with a `:` (which the first five parts never hold), or with
    /// an upper-case letter (which case-insensitive parts never see), works as well with a
    /// character neither pattern names. That needs prefix parts whose literals are no `:` and,
    /// case-insensitively, no upper-case letter (lower-cased at compilation); otherwise nil.
    private static func comparableParts(_ first: ARNPattern, _ second: ARNPattern, caseInsensitivePrefix: Bool) -> [(WildcardPattern, WildcardPattern)]? {
        guard case .segmented(let firstPrefix, let firstResource) = first.shape,
              case .segmented(let secondPrefix, let secondResource) = second.shape else { return nil }
        let plain = (firstPrefix + secondPrefix).allSatisfy { part in
            !part.containsLiteral { $0 == UInt8(ascii: ":") || (caseInsensitivePrefix && $0.asciiLowercased != $0) }
        }
        guard plain else { return nil }
        return Array(zip(firstPrefix, secondPrefix)) + [(firstResource, secondResource)]
    }
}

/// Offsets where an ARN's six parts start, stored inline (no allocation per request).
package struct ARNPartStarts: Sendable, Hashable {
    private let offsets: (Int32, Int32, Int32, Int32, Int32)

    /// Scans for the first five colons; nil when there are fewer.
    init?(_ bytes: some Sequence<UInt8>) {
        var found: (Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0)
        var count = 0
        var offset: Int32 = 0
        for byte in bytes {
            offset += 1
            guard byte == UInt8(ascii: ":") else { continue }
            switch count {
            case 0: found.0 = offset
            case 1: found.1 = offset
            case 2: found.2 = offset
            case 3: found.3 = offset
            default: found.4 = offset
            }
            count += 1
            if count == 5 { break }
        }
        guard count == 5 else { return nil }
        offsets = found
    }

    /// Part `index` (0...5) starts here.
    subscript(index: Int) -> Int {
        switch index {
        case 0: 0
        case 1: Int(offsets.0)
        case 2: Int(offsets.1)
        case 3: Int(offsets.2)
        case 4: Int(offsets.3)
        default: Int(offsets.4)
        }
    }

    package static func == (lhs: ARNPartStarts, rhs: ARNPartStarts) -> Bool {
        (0..<6).allSatisfy { lhs[$0] == rhs[$0] }
    }

    package func hash(into hasher: inout Hasher) {
        for index in 1..<6 { hasher.combine(self[index]) }
    }
}

/// A request-side ARN split into its six parts once, so each pattern compares parts directly.
package struct SplitARN: Sendable, Hashable {
    package let text: String
    /// `text` with the first five parts ASCII-lower-cased, when that changes anything.
    private let lowercasedText: String?
    /// nil when `text` is not an ARN with six parts.
    private let starts: ARNPartStarts?

    package init(_ text: String) {
        var source = text
        (starts, lowercasedText) = source.withUTF8 { bytes -> (ARNPartStarts?, String?) in
            guard let starts = ARNPartStarts(bytes) else { return (nil, nil) }
            let prefixEnd = starts[5]
            guard bytes[..<prefixEnd].contains(where: { $0 >= 65 && $0 <= 90 }) else { return (starts, nil) }
            let lowered = String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in 0..<bytes.count { buffer[index] = index < prefixEnd ? bytes[index].asciiLowercased : bytes[index] }
                return bytes.count
            }
            return (starts, lowered)
        }
        self.text = text
    }

    /// Offsets where each of the six parts starts, for compiling patterns.
    static func partStarts(_ bytes: [UInt8]) -> [Int]? {
        guard let starts = ARNPartStarts(bytes) else { return nil }
        return (0..<6).map { starts[$0] }
    }

    /// Calls `body` with the ARN's bytes and the offsets where its six parts start; nil when not
    /// an ARN.
    func withBytes<Result>(lowercased: Bool, _ body: (UnsafeBufferPointer<UInt8>, ARNPartStarts) -> Result) -> Result? {
        guard let starts else { return nil }
        var source = lowercased ? (lowercasedText ?? text) : text
        return source.withUTF8 { body($0, starts) }
    }

    private func part(_ index: Int, lowercased: Bool = false) -> String? {
        guard let starts else { return nil }
        let source = lowercased ? (lowercasedText ?? text) : text
        let utf8 = source.utf8
        let end = index == 5 ? utf8.count : starts[index + 1] - 1
        return String(decoding: utf8.dropFirst(starts[index]).prefix(end - starts[index]), as: UTF8.self)
    }

    /// True when the service part is `service` (lower-case ASCII), without building a string.
    package func hasService(_ service: String) -> Bool {
        withBytes(lowercased: true) { buffer, starts in
            let part = UnsafeBufferPointer(rebasing: buffer[starts[2]..<(starts[3] - 1)])
            return part.elementsEqual(service.utf8)
        } ?? false
    }

    package var isARN: Bool { starts != nil && part(0) == "arn" }
    package var partition: String? { part(1) }
    /// Lower-cased.
    package var service: String? { part(2, lowercased: true) }
    package var region: String? { part(3) }
    package var account: String? { part(4) }
    package var resourcePart: String? { part(5) }
    /// The first five parts as written.
    package var prefix: [String]? { starts == nil ? nil : (0..<5).compactMap { part($0) } }
    /// An IAM role on the path AWS keeps for service-linked roles (`role/aws-service-role/…`).
    package var isServiceLinkedRole: Bool { service == "iam" && resourcePart?.hasPrefix("role/aws-service-role/") == true }
}

extension WildcardPattern {
    /// Splits glob text into literal runs and wildcards.
    package static func elements(ofGlob text: String) -> [Element] {
        var elements: [Element] = []
        var literal = ""
        for character in text.unicodeScalars {
            switch character {
            case "*", "?":
                if !literal.isEmpty { elements.append(.text(literal)); literal = "" }
                elements.append(character == "*" ? .star : .question)
            default:
                literal.unicodeScalars.append(character)
            }
        }
        if !literal.isEmpty { elements.append(.text(literal)) }
        return elements
    }
}

extension WildcardPattern.Element {
    var asciiLowercased: WildcardPattern.Element {
        if case .text(let text) = self { return .text(text.asciiLowercased) }
        return self
    }
}
