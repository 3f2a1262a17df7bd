import PolicyModel
import Testing

/// `JSONText.appendQuoted` appends runs that need no escape whole: it must write exactly what
/// escaping scalar by scalar writes.
@Suite struct JSONTextTests {
    /// The plain form: every scalar on its own.
    static func quotedScalarByScalar(_ text: String) -> String {
        var output = "\""
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
        return output + "\""
    }

    static let texts = [
        "", "arn:aws:iam::111122223333:role/app", "say \"hi\"", "back\\slash", "\"", "\\", "line\nbreak\r\n\ttab",
        "bell\u{07} and esc\u{1B}[31m", "del\u{7F}", "c1\u{85}next", "sep\u{2028}para\u{2029}", "bidi\u{202E}txt.exe",
        "café ⟪role⟫ 🚀", "é\"é", "\u{0}", "trailing\\", "🚀\u{202E}",
    ]

    @Test(arguments: texts) func quotesLikeScalarByScalar(_ text: String) {
        var output = ""
        JSONText.appendQuoted(text, to: &output)
        #expect(output == Self.quotedScalarByScalar(text))
    }

    @Test func escapesWhatMustBeEscaped() {
        var output = "x"
        JSONText.appendQuoted("a\"b\u{202E}c", to: &output)
        #expect(output == #"x"a\"b\u202ec""#)
    }
}
