/// How serious a diagnostic is. The order follows IAM Access Analyzer's policy validation:
/// errors make a policy unusable; security warnings grant more than intended; warnings and
/// suggestions are about clarity.
package enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case suggestion
    case warning
    case securityWarning = "security-warning"
    case error

    private var rank: Int {
        switch self {
        case .suggestion: 0
        case .warning: 1
        case .securityWarning: 2
        case .error: 3
        }
    }

    package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about an input: where it is, a stable code, and a one-line message.
/// Messages follow one style: lowercase, no final period, user values in backticks.
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    package var severity: Severity
    package var code: String
    package var message: String
    package var file: String?
    package var position: SourcePosition
    package var help: String?

    package init(
        severity: Severity, code: String, message: String,
        file: String? = nil, position: SourcePosition = .unknown, help: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.position = position
        self.help = help
    }

    /// `file:line:column: severity[code]: message`, the format compilers use, so editors and CI
    /// logs link to the place. One line whatever the input: the file name and message (which
    /// quotes input) go through `DisplayText`.
    package var description: String {
        var location = DisplayText.escaped(file ?? "<input>")
        if position.isKnown { location += ":\(position.line):\(position.column)" }
        return "\(location): \(severity.rawValue)[\(code)]: \(DisplayText.escaped(message))"
    }

    package func located(in file: String) -> Diagnostic {
        var copy = self
        copy.file = file
        return copy
    }
}

/// A non-empty list of error diagnostics, thrown by parsers so that every problem in a file is
/// reported at once rather than one per run.
package struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    package init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    package func located(in file: String) -> DiagnosticError {
        DiagnosticError(diagnostics.map { $0.file == nil ? $0.located(in: file) : $0 })
    }
}
