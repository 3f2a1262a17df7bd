import PolicyModel
import Yams

/// Turns a Yams error into a diagnostic at the line and column libyaml reports.
enum YAMLErrorMapping {
    static func diagnostic(for error: any Error, in text: String) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return syntax("invalid yaml", at: SourcePosition(line: 1, column: 1))
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let position = SourcePosition(line: mark.line, column: mark.column)
            if problem.hasPrefix("Maximum nesting level reached") {
                return Diagnostic(
                    severity: .error, code: PipelineDiagnosticCode.tooDeep,
                    message: "the configuration nests deeper than the yaml parser allows (about 1000 levels)",
                    position: position
                )
            }
            var diagnostic = syntax("invalid yaml: \(problem)", at: position)
            if let context {
                diagnostic.help = "\(context.text) at \(context.mark.line):\(context.mark.column)"
            }
            return diagnostic
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            let first = SourcePosition(line: context.mark.line, column: context.mark.column)
            // Yams reports the first occurrence; point at the repetition when it can be found.
            let repeated = duplicates.count == 1
                ? repetition(ofKey: duplicates[0], after: first, in: text) : nil
            return Diagnostic(
                severity: .error, code: PipelineDiagnosticCode.duplicateKey,
                message: duplicates.count == 1 ? "duplicate key \(keys)" : "duplicate keys \(keys)",
                position: repeated ?? first,
                help: repeated != nil
                    ? "the first \(keys) is at \(first.line):\(first.column)"
                    : "each key may appear once in a mapping; this is the first occurrence"
            )
        case .reader(let problem, let offset, _, _):
            return syntax("invalid yaml: \(problem)", at: position(ofCharacterOffset: offset, in: text))
        default:
            return syntax("invalid yaml: \(yamlError)", at: SourcePosition(line: 1, column: 1))
        }
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

    private static func syntax(_ message: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(severity: .error, code: PipelineDiagnosticCode.yamlSyntax, message: message, position: position)
    }

    /// Yams reports reader errors as a distance in `Character`s from the start of the text.
    private static func position(ofCharacterOffset offset: Int?, in text: String) -> SourcePosition {
        guard let offset else { return SourcePosition(line: 1, column: 1) }
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
