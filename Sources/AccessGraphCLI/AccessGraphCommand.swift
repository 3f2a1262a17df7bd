import ArgumentParser
import PolicyModel
import Reporting
import Foundation
import ServiceCatalog

package struct AccessGraphCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "accessgraph",
        abstract: "Who can do what to which AWS resource, and why.",
        discussion: """
        Exit codes: 0 allowed / passed, 1 a conformance case failed, 2 bad input, \
        3 denied or findings at or above --fail-on, 64 invalid command-line usage.
        """,
        version: AccessGraphCommand.versionText,
        subcommands: [Check.self, Audit.self, Graph.self, WhoCan.self, Can.self, Escalations.self, Diff.self, Generate.self, Simulate.self, Lint.self],
        defaultSubcommand: Check.self
    )

    package init() {}

    static var versionText: String {
        let catalogue = (try? ServiceCatalogue.embedded().source.description) ?? "catalogue unavailable"
        return "accessgraph 0.1.0 (\(catalogue))"
    }

    /// Runs a command line in-process and returns its exit status and what it wrote.
    package static func runInProcess(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        final class Buffer: @unchecked Sendable { var text = "" }
        let out = Buffer()
        let err = Buffer()
        let io = CommandIO(out: { out.text += $0 }, error: { err.text += $0 })
        let status = execute(arguments, io: io)
        return (status, out.text, err.text)
    }

    /// Parses and runs; errors become messages on `io` and a documented exit status.
    package static func execute(_ arguments: [String], io: CommandIO) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if let executable = command as? any ExecutableCommand {
                return try executable.execute(io: io)
            }
            try command.run()
            return ExitStatus.success
        } catch let error as CommandFailure {
            io.error(error.message)
            return error.status
        } catch {
            // Usage errors quote arguments, which may be file names a pull request chose.
            let message = DisplayText.escaped(fullMessage(for: error), keepingLineFeeds: true)
            let code = exitCode(for: error).rawValue
            if code == 0 { io.out(message + "\n") } else { io.error(message) }
            return code
        }
    }

    package static func main() {
        let status = execute(Array(CommandLine.arguments.dropFirst()), io: .standard)
        Foundation.exit(status)
    }
}

/// A failure of a command, as diagnostics (`place: error[code]: message`, with `help:` lines) and
/// the exit status it ends with. Problems with the command line name the option as their place.
package struct CommandFailure: Error {
    package var diagnostics: [Diagnostic]
    package var status: Int32

    package init(_ diagnostics: [Diagnostic], status: Int32 = ExitStatus.badInput) {
        self.diagnostics = diagnostics
        self.status = status
    }

    package init(_ code: String, _ message: String, at place: String, help: String? = nil, status: Int32 = ExitStatus.badInput) {
        self.init([Diagnostic(severity: .error, code: code, message: message, file: place, help: help)], status: status)
    }

    package var message: String { diagnostics.flatMap(DiagnosticRenderer.lines).joined(separator: "\n") }
}
