/// A policy string that may contain policy variables (`${aws:username}`,
/// `${aws:PrincipalTag/team, 'default'}`) and the escapes `${*}`, `${?}` and `${$}`.
/// Variables exist only under `"Version": "2012-10-17"`; otherwise the text is taken literally.
package struct PolicyVariableString: Sendable, Hashable {
    package enum Part: Sendable, Hashable {
        /// Text in which `*` and `?` are wildcards where the operator globs.
        case text(String)
        /// An escape (`${*}`, `${?}`, `${$}`): always a literal character.
        case escaped(String)
        /// A policy variable; `key` keeps the policy's spelling, `lookupKey` is lower-cased.
        case variable(key: String, lookupKey: String, defaultValue: String?)
    }

    package let raw: String
    package let parts: [Part]

    package var hasVariables: Bool {
        parts.contains { if case .variable = $0 { return true } else { return false } }
    }

    package var variableKeys: [String] {
        parts.compactMap { if case .variable(let key, _, _) = $0 { return key } else { return nil } }
    }

    /// True when the text is one plain run (no variables, no escapes).
    package var isPlainText: Bool {
        if parts.count == 1, case .text = parts[0] { return true }
        return parts.isEmpty
    }

    /// Glob elements with variables substituted as literal text (a `*` in a user name never
    /// globs) and escapes as literal characters. nil when a variable has no value and no default.
    package func globElements(resolve: (String) -> String?) -> [WildcardPattern.Element]? {
        globElements { lookupKey, defaultValue in (resolve(lookupKey) ?? defaultValue).map { .text($0) } }
    }

    /// Glob elements with each variable as `*`: what the entry matches for some value of its
    /// variables, as a linter asks.
    package var globElementsForAnyVariableValue: [WildcardPattern.Element] {
        globElements { _, _ in .star } ?? []
    }

    private func globElements(variable: (_ lookupKey: String, _ defaultValue: String?) -> WildcardPattern.Element?) -> [WildcardPattern.Element]? {
        var elements: [WildcardPattern.Element] = []
        for part in parts {
            switch part {
            case .text(let text):
                elements += WildcardPattern.elements(ofGlob: text)
            case .escaped(let character):
                elements.append(.text(character))
            case .variable(_, let lookupKey, let defaultValue):
                guard let element = variable(lookupKey, defaultValue) else { return nil }
                elements.append(element)
            }
        }
        return elements
    }

    /// The text with variables substituted; nil when a variable has no value and no default.
    package func resolvedText(resolve: (String) -> String?) -> String? {
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal), .escaped(let literal):
                text += literal
            case .variable(_, let lookupKey, let defaultValue):
                guard let value = resolve(lookupKey) ?? defaultValue else { return nil }
                text += value
            }
        }
        return text
    }

    /// - Parameter variablesEnabled: false for `2008-10-17` or a missing `Version`.
    package init(_ raw: String, variablesEnabled: Bool) {
        self.raw = raw
        guard variablesEnabled, Self.containsVariableMarker(raw) else {
            self.parts = [.text(raw)]
            return
        }
        self.parts = Self.split(raw)
    }

    /// A byte scan for `${`: cheaper than a generic substring search on this hot parsing path.
    private static func containsVariableMarker(_ raw: String) -> Bool {
        var previousIsDollar = false
        for byte in raw.utf8 {
            if previousIsDollar && byte == UInt8(ascii: "{") { return true }
            previousIsDollar = byte == UInt8(ascii: "$")
        }
        return false
    }

    private static func split(_ raw: String) -> [Part] {
        var parts: [Part] = []
        var text = ""
        var rest = Substring(raw)
        while let open = rest.firstRange(of: "${") {
            text += rest[rest.startIndex..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                text += rest[open.lowerBound...]
                rest = rest[rest.endIndex...]
                break
            }
            let body = afterOpen[afterOpen.startIndex..<close]
            if !text.isEmpty { parts.append(.text(text)); text = "" }
            parts.append(part(forBody: body))
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        text += rest
        if !text.isEmpty { parts.append(.text(text)) }
        return parts
    }

    private static func part(forBody body: Substring) -> Part {
        let trimmed = body.trimmingSpaces
        if trimmed == "*" || trimmed == "?" || trimmed == "$" { return .escaped(String(trimmed)) }
        // `${key, 'default value'}`: the default is single-quoted after a comma.
        if let comma = trimmed.firstIndex(of: ",") {
            let key = trimmed[trimmed.startIndex..<comma].trimmingSpaces
            var value = trimmed[trimmed.index(after: comma)...].trimmingSpaces
            if value.count >= 2, value.first == "'", value.last == "'" {
                value = value.dropFirst().dropLast()
            }
            return .variable(key: String(key), lookupKey: String(key).lowercased(), defaultValue: String(value))
        }
        return .variable(key: String(trimmed), lookupKey: String(trimmed).lowercased(), defaultValue: nil)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (policy variables and `Fn::Split` pieces).
    package var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
