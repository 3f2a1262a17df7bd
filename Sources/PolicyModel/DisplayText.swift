/// Input-derived text made safe to print where people read it (terminals, CI logs, XML reports):
/// the one display escaper, as `JSONText` is the one JSON escaper. A template, policy or file name
/// is attacker-controlled in CI, so no part of it may start a line of its own (a forged
/// `file:1:1: error[...]`), move the cursor or recolour the log (ESC sequences), or reorder what
/// follows (bidirectional-text controls).
package enum DisplayText {
    /// `text` with every control character, line or paragraph separator and bidirectional-text
    /// control written as a visible escape: `\n`, `\r`, `\t`, otherwise `\u{1B}` (Swift's
    /// notation). Other text, backslashes included, is unchanged. `keepingLineFeeds` is for
    /// messages that are several lines by design (command-line usage errors).
    package static func escaped(_ text: String, keepingLineFeeds: Bool = false) -> String {
        func escapes(_ scalar: Unicode.Scalar) -> Bool {
            needsEscape(scalar) && !(keepingLineFeeds && scalar == "\n")
        }
        guard text.unicodeScalars.contains(where: escapes) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            guard escapes(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// Whether a character must not reach output as itself: C0 and C1 controls and DEL, U+2028
    /// and U+2029 (line and paragraph separators), and the bidirectional-text controls (ALM,
    /// LRM, RLM, LRE to RLO, LRI to PDI).
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
