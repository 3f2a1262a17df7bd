/// JSON string quoting: the one escaper, used by `JSONOutput` (PolicyParsing), the one JSON writer.
package enum JSONText {
    /// Appends `text` as a JSON string literal, escaping quotes, backslashes and control characters.
    package static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20:
                let digits = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
