import PolicyModel
import PolicyParsing

/// Renders diagnostics (from `lint`, or parse and I/O errors) as compiler-style text or JSON.
/// Decides nothing: callers pass the diagnostics in the order to show.
package enum DiagnosticRenderer {
    /// How many diagnostics of each severity, over how many files.
    package struct Summary: Sendable, Hashable {
        package var errors = 0
        package var securityWarnings = 0
        package var warnings = 0
        package var suggestions = 0
        package var files: Int

        /// Counts `diagnostics`, which came from `fileCount` files.
        package init(_ diagnostics: [Diagnostic], fileCount: Int) {
            files = fileCount
            for diagnostic in diagnostics {
                switch diagnostic.severity {
                case .error: errors += 1
                case .securityWarning: securityWarnings += 1
                case .warning: warnings += 1
                case .suggestion: suggestions += 1
                }
            }
        }

        /// `3 errors, 1 security warning, 0 warnings, 2 suggestions in 2 files`.
        package var line: String {
            [
                Self.count(errors, "error"), Self.count(securityWarnings, "security warning"),
                Self.count(warnings, "warning"), Self.count(suggestions, "suggestion"),
            ].joined(separator: ", ") + " in " + Self.count(files, "file")
        }

        private static func count(_ value: Int, _ noun: String) -> String {
            "\(value) \(noun)\(value == 1 ? "" : "s")"
        }
    }

    /// A file's entry in JSON output: the policy type it was linted as, and whether it was guessed.
    package struct FileEntry: Sendable, Hashable {
        package var file: String
        package var type: String?
        package var typeWasGuessed: Bool

        /// An entry; `type` is nil when the file could not be read or parsed.
        package init(file: String, type: String?, typeWasGuessed: Bool) {
            self.file = file
            self.type = type
            self.typeWasGuessed = typeWasGuessed
        }
    }

    /// `file:line:column: severity[code]: message`, then `  help: ...` when there is help; input
    /// text in either is escaped (`DisplayText`), so each stays one line.
    package static func lines(_ diagnostic: Diagnostic) -> [String] {
        var lines = [diagnostic.description]
        if let help = diagnostic.help { lines.append("  help: \(DisplayText.escaped(help))") }
        return lines
    }

    /// Every diagnostic, then the summary line; ends with a newline.
    package static func text(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        (diagnostics.flatMap(lines) + [Summary(diagnostics, fileCount: fileCount).line]).joined(separator: "\n") + "\n"
    }

    /// `{"diagnostics": [...], "summary": {...}}`, plus `"files"` when entries are given. Unknown
    /// positions (I/O errors) have null `line` and `column`.
    package static func json(_ diagnostics: [Diagnostic], fileCount: Int, files: [FileEntry] = []) -> JSONOutput {
        let summary = Summary(diagnostics, fileCount: fileCount)
        var members: [(String, JSONOutput)] = [
            ("diagnostics", .array(diagnostics.map(json))),
            ("summary", .object([
                ("errors", .int(summary.errors)),
                ("securityWarnings", .int(summary.securityWarnings)),
                ("warnings", .int(summary.warnings)),
                ("suggestions", .int(summary.suggestions)),
                ("files", .int(summary.files)),
            ])),
        ]
        if !files.isEmpty {
            members.append(("files", .array(files.map { entry in
                .object([
                    ("file", .string(entry.file)),
                    ("type", .optional(entry.type)),
                    ("typeGuessed", .bool(entry.typeWasGuessed)),
                ])
            })))
        }
        return .object(members)
    }

    /// One diagnostic as `{"file", "line", "column", "severity", "code", "message", "help"}`.
    package static func json(_ diagnostic: Diagnostic) -> JSONOutput {
        let known = diagnostic.position.isKnown
        return .object([
            ("file", .optional(diagnostic.file)),
            ("line", known ? .int(diagnostic.position.line) : .null),
            ("column", known ? .int(diagnostic.position.column) : .null),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code)),
            ("message", .string(diagnostic.message)),
            ("help", .optional(diagnostic.help)),
        ])
    }
}
