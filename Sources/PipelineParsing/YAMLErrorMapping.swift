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
                    message: "the configuration nests deeper than the limit of 1000 levels",
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
            return Diagnostic(
                severity: .error, code: PipelineDiagnosticCode.duplicateKey,
                message: duplicates.count == 1 ? "duplicate key \(keys)" : "duplicate keys \(keys)",
                position: SourcePosition(line: context.mark.line, column: context.mark.column),
                help: "each key may appear once in a mapping; the position is the first occurrence"
            )
        case .reader(let problem, let offset, _, _):
            return syntax("invalid yaml: \(problem)", at: position(ofCharacterOffset: offset, in: text))
        default:
            return syntax("invalid yaml: \(yamlError)", at: SourcePosition(line: 1, column: 1))
        }
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
