/// JSON string quoting: the one JSON escaper, used by `JSONOutput` (PolicyParsing), the one JSON writer.
package enum JSONText {
    /// Appends `text` as a JSON string literal, escaping quotes, backslashes and control characters,
    /// and as `\uXXXX` whatever else `DisplayText` escapes (DEL, C1 controls, line separators,
    /// bidirectional-text controls), so a report read in a terminal or log shows them visibly.
    /// Runs that need no escape are appended whole (a 45 MB graph is mostly such runs).
    package static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        // Printable ASCII without a quote or backslash, most text written: appended as it is.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            output += text
            output += "\""
            return
        }
        let scalars = text.unicodeScalars
        var run = scalars.startIndex
        var index = run
        while index != scalars.endIndex {
            let next = scalars.index(after: index)
            if let escaped = escape(scalars[index]) {
                output += Substring(scalars[run..<index])
                output += escaped
                run = next
            }
            index = next
        }
        output += Substring(scalars[run..<scalars.endIndex])
        output += "\""
    }

    /// How `scalar` is written inside a JSON string, when not as itself.
    private static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case let control where DisplayText.needsEscape(control):
            let digits = String(control.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        default: return nil
        }
    }
}
