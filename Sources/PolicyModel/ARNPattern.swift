/// A compiled `Resource` entry (or ARN condition value). An ARN has six colon-separated parts
/// (`arn:partition:service:region:account:resource`); wildcards in the first five stay inside
/// their part, and in the resource part `*` crosses `/` and `:`. The first five parts compare
/// case-insensitively, the resource part case-sensitively.
package struct ARNPattern: Sendable, Hashable {
    package enum Shape: Sendable, Hashable {
        /// `*`, or text that is not an ARN: matched as one glob over the whole string.
        case whole(WildcardPattern)
        /// Five lower-cased prefix parts and the resource part.
        case segmented(prefix: [WildcardPattern], resource: WildcardPattern)
    }

    package let shape: Shape

    /// - Parameters:
    ///   - caseInsensitivePrefix: true for `Resource` matching; false for `ArnLike`, where every
    ///     part is case-sensitive.
    ///   - resolve: the value of a policy variable (lower-cased key), or nil when it has none.
    ///     Returns nil when a variable cannot be resolved: such an entry matches nothing.
    package init?(template: TemplateString, caseInsensitivePrefix: Bool = true, resolve: (String) -> String?) {
        guard let elements = template.globElements(resolve: resolve) else { return nil }
        self.shape = Self.shape(of: elements, caseInsensitivePrefix: caseInsensitivePrefix)
    }

    package var matchesEverything: Bool {
        if case .whole(let pattern) = shape { return pattern.matchesEverything }
        return false
    }

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
            guard let parts = caseInsensitivePrefix ? arn.lowercasedPrefix : arn.prefix, let resourcePart = arn.resourcePart else {
                return false
            }
            for index in 0..<5 where !prefix[index].matches(parts[index]) { return false }
            return resource.matches(resourcePart)
        }
    }
}

/// A request-side ARN split into its six parts once, so each pattern compares parts directly.
package struct SplitARN: Sendable, Hashable {
    package let text: String
    /// The first five parts as written; nil when `text` is not an ARN with six parts.
    package let prefix: [String]?
    package let lowercasedPrefix: [String]?
    package let resourcePart: String?

    package init(_ text: String) {
        self.text = text
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if parts.count == 6 {
            let prefix = parts[0..<5].map(String.init)
            self.prefix = prefix
            self.lowercasedPrefix = prefix.map(\.asciiLowercased)
            self.resourcePart = String(parts[5])
        } else {
            self.prefix = nil
            self.lowercasedPrefix = nil
            self.resourcePart = nil
        }
    }

    package var partition: String? { prefix?[1] }
    package var service: String? { lowercasedPrefix?[2] }
    package var region: String? { prefix?[3] }
    package var account: String? { prefix?[4] }
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
