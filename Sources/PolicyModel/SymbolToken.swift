/// Values a template cannot know until deployment (an account id, a generated name, an attribute
/// of a created resource) become symbol tokens embedded in strings: `⟦Body⟧`, with U+27E6/U+27E7
/// as brackets and a body restricted to `[A-Za-z0-9._-]`.
///
/// The body never holds `:`, `*`, `?`, `/` or `"`, so a token stays inside one ARN segment, never
/// acts as a wildcard, and can be written into a JSON string without escaping. The same
/// unresolved thing always yields the same token, so two ARNs of the same role compare equal.
package enum SymbolToken {
    package static let open: Character = "\u{27E6}"
    package static let close: Character = "\u{27E7}"
    /// Bodies longer than this are cut to 111 scalars and suffixed with `.` and a 16-digit hash,
    /// so hostile names stay small.
    package static let maximumBodyLength = 128

    /// The token for `body`, sanitized: runs of `:` become one `.`, brackets are dropped and every
    /// other character outside `[A-Za-z0-9._-]` becomes `_`.
    package static func make(_ body: String) -> String {
        "\(open)\(sanitize(body))\(close)"
    }

    /// Every token in `text`, brackets included, in order of appearance.
    package static func tokens(in text: String) -> [String] {
        var result: [String] = []
        var current: String?
        for character in text {
            if character == open {
                current = String(open)
            } else if character == close, var token = current {
                token.append(close)
                result.append(token)
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return result
    }

    /// The labels of the template resources that `text`'s `⟦Ref.X⟧` and `⟦GetAtt.X.Attr⟧`
    /// tokens stand for, in order: the logical id, or with several stacks in one analysis the
    /// stack-qualified label (`StackA/Role`), which a token writes as `StackA_Role` since bodies
    /// hold no `/` (logical ids and stack scopes never hold `_`).
    package static func referencedLogicalIds(in text: String) -> [String] {
        tokens(in: text).compactMap { token in
            guard let body = body(of: token), body.hasPrefix("Ref.") || body.hasPrefix("GetAtt.") else { return nil }
            return body.split(separator: ".").dropFirst().first.map { String($0).replacing("_", with: "/") }
        }
    }

    /// The token of a resource's `Ref` or attribute by its label (`StackA/Role`, or a plain
    /// logical id), as templates write it.
    package static func resource(_ label: String, attribute: String? = nil) -> String {
        make(attribute.map { "GetAtt.\(label).\($0)" } ?? "Ref.\(label)")
    }

    /// Whether `text` holds an opening bracket. Evaluations ask this of every request, so it
    /// scans the UTF-8 bytes (U+27E6 is E2 9F A6) instead of comparing characters.
    package static func containsToken(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var index = 0
            let end = bytes.count - 2
            while index < end {
                if bytes[index] == 0xE2 && bytes[index + 1] == 0x9F && bytes[index + 2] == 0xA6 { return true }
                index += 1
            }
            return false
        }
        return found ?? text.unicodeScalars.contains("\u{27E6}")
    }

    /// The body of a token (`⟦Ref.X⟧` → `Ref.X`), or nil when `token` is not exactly one token.
    package static func body(of token: String) -> String? {
        guard token.first == open, token.last == close, token.count >= 2 else { return nil }
        let inner = token.dropFirst().dropLast()
        guard !inner.contains(open), !inner.contains(close) else { return nil }
        return String(inner)
    }

    /// Input text with the token brackets replaced by `[` and `]`, so a template cannot write a
    /// token itself and pass a literal off as another resource's unknown value. Templates have
    /// no legitimate use for these two characters.
    package static func neutralize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{27E6}" || $0 == "\u{27E7}" }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{27E6}": result.append("[")
            case "\u{27E7}": result.append("]")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// CloudFormation's pseudo parameters, as token bodies name them (`AWS.AccountId`).
    static let pseudoParameters: Set<String> = ["AccountId", "Region", "Partition", "URLSuffix", "StackName", "StackId", "NotificationARNs"]

    /// `text` as the body of a CloudFormation `Fn::Sub`: `⟦AWS.AccountId⟧` becomes
    /// `${AWS::AccountId}`, `⟦Ref.X⟧` `${X}` and `⟦GetAtt.X.Attr⟧` `${X.Attr}`; a literal `${`
    /// becomes `${!`. nil when a token stands for something `Fn::Sub` cannot name (an import, a
    /// value the tool made up such as `⟦PipelineName⟧`).
    package static func substitutionBody(_ text: String) -> String? {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: Self.open) {
            result += String(rest[..<open]).replacing("${", with: "${!")
            guard let close = rest[open...].firstIndex(of: Self.close) else { return nil }
            let body = rest[rest.index(after: open)..<close]
            if body.hasPrefix("AWS."), pseudoParameters.contains(String(body.dropFirst(4))) {
                result += "${AWS::\(body.dropFirst(4))}"
            } else if body.contains("_") {
                // A resource of another stack among several (`StackA_Role`): no `${…}` names it.
                return nil
            } else if body.hasPrefix("Ref."), !body.dropFirst(4).isEmpty {
                result += "${\(body.dropFirst(4))}"
            } else if body.hasPrefix("GetAtt."), body.dropFirst(7).contains(".") {
                result += "${\(body.dropFirst(7))}"
            } else {
                return nil
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + String(rest).replacing("${", with: "${!")
    }

    package static func sanitize(_ body: String) -> String {
        var result = ""
        var previousWasColon = false
        for scalar in body.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-":
                result.unicodeScalars.append(scalar)
                previousWasColon = false
            case ":":
                if !previousWasColon { result.append(".") }
                previousWasColon = true
            case "\u{27E6}", "\u{27E7}":
                previousWasColon = false
            default:
                result.append("_")
                previousWasColon = false
            }
        }
        if result.unicodeScalars.count > maximumBodyLength {
            let prefix = String(String.UnicodeScalarView(result.unicodeScalars.prefix(maximumBodyLength - 17)))
            // The hash is of the sanitized body, as `PipelineParsing.CloudFormationMarker` computes it.
            result = "\(prefix).\(stableHash(result))"
        }
        return result.isEmpty ? "_" : result
    }

    /// FNV-1a over UTF-8, as 16 hex digits: stable across runs and platforms, unlike `Hasher`.
    package static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
