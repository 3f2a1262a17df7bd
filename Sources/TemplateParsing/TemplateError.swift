import PolicyModel

/// Builds `template.*` diagnostics in the project's style (lowercase, one sentence, user values
/// in backticks).
enum TemplateError {
    static func diagnostic(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) -> Diagnostic {
        Diagnostic(severity: .error, code: code, message: message, position: position, help: help)
    }

    static func make(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) -> DiagnosticError {
        DiagnosticError(diagnostic(code, message, at: position, help: help))
    }
}
