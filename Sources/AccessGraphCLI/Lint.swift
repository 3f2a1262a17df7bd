import ArgumentParser
import PolicyLint
import PolicyModel
import PolicyParsing
import Reporting
import ServiceCatalog

extension AccessGraphCommand {
    /// `accessgraph lint`: validates policy files the way IAM Access Analyzer's policy validation
    /// does, printing compiler-style diagnostics.
    struct Lint: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate policy files the way IAM Access Analyzer does.",
            discussion: """
            Without --type, each file's type is guessed: a policy with `Principal` is a resource-based \
            policy, or a trust policy when it only grants sts:AssumeRole* (and sts:TagSession, \
            sts:SetSourceIdentity) without `Resource`; any other policy is identity-based. \
            Exit 0 when no finding is at or above --fail-on, 3 when one is, 2 when a file cannot be read \
            (the other files are still linted).
            """
        )

        @Argument(help: ArgumentHelp("Policy documents (JSON).", valueName: "file"))
        var files: [String] = []

        @Option(
            help: ArgumentHelp(
                "The policy type: \(PolicyType.allCases.map(\.rawValue).joined(separator: ", ")). Guessed per file when omitted.",
                valueName: "type"),
            transform: Lint.policyType)
        var type: PolicyType?

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        @Option(
            name: .customLong("fail-on"),
            help: ArgumentHelp(
                "The lowest severity that makes the command fail (exit 3): error, security-warning, warning or suggestion.",
                valueName: "severity"))
        var failOn: Severity = .error

        func execute(io: CommandIO) throws -> Int32 {
            if files.isEmpty { throw Self.usageFailure("give at least one policy file", at: "accessgraph lint") }
            let catalogue = try ServiceCatalogue.forCommand()
            let linter = PolicyLinter(catalogue: catalogue)
            var diagnostics: [Diagnostic] = []
            var entries: [DiagnosticRenderer.FileEntry] = []
            var textLines: [String] = []
            var unreadable = false
            for file in files {
                let bytes: [UInt8]
                do throws(DiagnosticError) {
                    bytes = try SourceFile.bytes(file)
                } catch {
                    unreadable = true
                    let located = error.located(in: file).diagnostics
                    diagnostics += located
                    textLines += located.flatMap(DiagnosticRenderer.lines)
                    entries.append(DiagnosticRenderer.FileEntry(file: file, type: nil, typeWasGuessed: false))
                    continue
                }
                let outcome = linter.lintFile(bytes: bytes, file: file, type: type)
                // A file that does not parse is bad input (exit 2), as for every command.
                if !outcome.parsed { unreadable = true }
                if outcome.typeWasGuessed, let guessed = outcome.type {
                    textLines.append("\(DisplayText.escaped(file)): policy type \(guessed.rawValue) (guessed; use --type to set it)")
                }
                diagnostics += outcome.diagnostics
                textLines += outcome.diagnostics.flatMap(DiagnosticRenderer.lines)
                entries.append(DiagnosticRenderer.FileEntry(file: file, type: outcome.type?.rawValue, typeWasGuessed: outcome.typeWasGuessed))
            }
            switch format {
            case .text:
                textLines.append(DiagnosticRenderer.Summary(diagnostics, fileCount: files.count).line)
                io.out(textLines.joined(separator: "\n") + "\n")
            case .json:
                io.out(DiagnosticRenderer.json(diagnostics, fileCount: files.count, files: entries).rendered())
            }
            if unreadable { return ExitStatus.badInput }
            return diagnostics.contains { $0.severity >= failOn } ? ExitStatus.refused : ExitStatus.success
        }

        private static func policyType(_ text: String) throws -> PolicyType {
            guard let type = PolicyType(rawValue: text.lowercased()) else {
                throw ValidationError("unknown policy type `\(text)`; use one of \(PolicyType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return type
        }
    }
}
