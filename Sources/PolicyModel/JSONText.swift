/// JSON string quoting: the one JSON escaper, used by `JSONOutput` (PolicyParsing), the one JSON writer.
package enum JSONText {
    /// Appends `text` as a JSON string literal, escaping quotes, backslashes and control characters,
    /// and as `\uXXXX` whatever else `DisplayText` escapes (DEL, C1 controls, line separators,
    /// bidirectional-text controls), so a report read in a terminal or log shows them visibly.
    package static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where DisplayText.needsEscape(control):
                let digits = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
