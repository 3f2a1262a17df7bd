import PolicyModel
import Yams

/// Turns what Yams throws into a `SafeYAMLError` at the line and column libyaml reports, worded
/// "invalid YAML: …".
enum YamsErrorMapping {
    static func error(for error: any Error, in text: String) -> SafeYAMLError {
        guard let yamlError = error as? YamlError else {
            return SafeYAMLError(.syntax, "invalid YAML: \(error)", at: textStart)
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let position = inText(SourcePosition(mark), text)
            if problem.hasPrefix("Maximum nesting level reached") {
                return SafeYAMLError(.tooDeep, "nesting deeper than the 1000 levels libyaml allows", at: position)
            }
            var help = context.map { context in
                let start = inText(SourcePosition(context.mark), text)
                return "\(context.text) at \(start.line):\(start.column)"
            }
            // `Resource: *` is the usual way into this: a node that starts with `*` is an alias.
            if context?.text == "while scanning an alias" {
                help = (help.map { $0 + "; " } ?? "") + "a value that starts with `*` is an alias in YAML: quote it (`'*'`)"
            }
            return SafeYAMLError(.syntax, "invalid YAML: \(problem)", at: position, help: help)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKeys(duplicates, first: SourcePosition(context.mark), in: text)
        case .reader(let problem, let offset, _, _):
            return SafeYAMLError(.syntax, "invalid YAML: \(problem)", at: position(ofCharacterOffset: offset, in: text))
        default:
            return SafeYAMLError(.syntax, "invalid YAML: \(yamlError)", at: textStart)
        }
    }

    private static let textStart = SourcePosition(line: 1, column: 1)

    /// libyaml ends a stream that lacks a final line break with one of its own, so an error found
    /// at the end of such a text is reported on a line the text does not have; it is at the end
    /// of the last line instead.
    private static func inText(_ position: SourcePosition, _ text: String) -> SourcePosition {
        let end = endPosition(of: text)
        let isPastEnd = position.line > end.line || (position.line == end.line && position.column > end.column)
        return isPastEnd ? end : position
    }

    /// Where `text` ends, counting lines and columns as libyaml does: CR, LF, CR LF, NEL, LS and
    /// PS break lines; columns count Unicode scalars.
    private static func endPosition(of text: String) -> SourcePosition {
        var line = 1
        var column = 1
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
            previous = scalar
        }
        return SourcePosition(line: line, column: column)
    }

    /// Yams reports the first occurrence; the error points at the repetition when it can be found.
    private static func duplicateKeys(_ keys: [String], first: SourcePosition, in text: String) -> SafeYAMLError {
        let names = keys.map { "`\($0)`" }.joined(separator: ", ")
        let repeated = keys.count == 1 ? repetition(ofKey: keys[0], after: first, in: text) : nil
        return SafeYAMLError(
            .duplicateKey, keys.count == 1 ? "duplicate key \(names)" : "duplicate keys \(names)",
            at: repeated ?? first,
            help: repeated != nil
                ? "the first \(names) is at \(first.line):\(first.column)"
                : "each key may appear once in a mapping; this is the first occurrence"
        )
    }

    /// The next line that writes `key:` at the same column as the first occurrence, before the
    /// mapping ends (a line starting further left). Only plain block-mapping keys are found this
    /// way; otherwise the first occurrence is reported.
    private static func repetition(ofKey key: String, after first: SourcePosition, in text: String) -> SourcePosition? {
        guard first.isKnown, !key.isEmpty else { return nil }
        var lineNumber = 0
        // Split on scalars: in `String`, CR LF is a single `Character`.
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard lineNumber > first.line else { continue }
            let scalars = Array(line)
            guard let contentStart = scalars.firstIndex(where: { $0 != " " && $0 != "\r" }) else { continue }
            if scalars[contentStart] == "#" { continue }
            let column = first.column - 1
            if contentStart > column { continue }  // inside a value of the mapping
            if contentStart < column { return nil }  // the mapping ended (dedent or a new list item)
            let rest = scalars[column...]
            guard rest.starts(with: key.unicodeScalars) else { continue }
            let afterKey = rest.dropFirst(key.unicodeScalars.count).drop { $0 == " " }
            if afterKey.first == ":" {
                let next = afterKey.dropFirst().first
                if next == nil || next == " " || next == "\r" {
                    return SourcePosition(line: lineNumber, column: first.column)
                }
            }
        }
        return nil
    }

    /// Yams reports reader errors as a distance in `Character`s from the start of the text.
    private static func position(ofCharacterOffset offset: Int?, in text: String) -> SourcePosition {
        guard let offset else { return textStart }
        var line = 1
        var column = 1
        for character in text.prefix(max(offset, 0)) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourcePosition(line: line, column: column)
    }
}

extension SourcePosition {
    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }
}
