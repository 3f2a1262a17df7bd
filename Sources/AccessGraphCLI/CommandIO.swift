import ArgumentParser
import Foundation
import PolicyModel
import Reporting

/// Where a command writes. Commands never print directly, so tests can run them in-process and
/// read what they wrote.
package final class CommandIO: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeError: (String) -> Void

    package init(out: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        self.writeOut = out
        self.writeError = error
    }

    package func out(_ text: String) { writeOut(text) }
    package func error(_ text: String) { writeError(text.hasSuffix("\n") ? text : text + "\n") }

    /// Warnings about the inputs (what a load does not analyse), on stderr in the diagnostics'
    /// format, so they never mix with a report on stdout; they change neither the report nor the
    /// exit code.
    package func warn(_ warnings: [Diagnostic]) {
        for warning in warnings { error(DiagnosticRenderer.lines(warning).joined(separator: "\n")) }
    }

    package static var standard: CommandIO {
        CommandIO(
            out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            error: { text in FileHandle.standardError.write(Data(text.utf8)) })
    }
}

/// A command whose work returns an exit code instead of calling `exit`, so it can run in-process.
package protocol ExecutableCommand: ParsableCommand {
    func execute(io: CommandIO) throws -> Int32
}

/// Exit codes shared by all commands (README, "Exit codes"). Libraries report outcomes; only the
/// commands turn them into these numbers.
package enum ExitStatus {
    /// Allow; all cases passed; every check passed and no finding at or above the threshold.
    package static let success: Int32 = 0
    /// A conformance case failed.
    package static let caseFailed: Int32 = 1
    /// Bad input: unreadable or malformed files, unknown actions, invalid arguments.
    package static let badInput: Int32 = 2
    /// Refused: a deny (or an undetermined decision), a failed check, or a finding at or above
    /// `--fail-on`.
    package static let refused: Int32 = 3
    /// An invalid command line: an unknown option, a missing or malformed argument, options that
    /// do not go together (ArgumentParser's `EX_USAGE`).
    package static let usage: Int32 = 64
}

extension ExecutableCommand {
    /// A command line this command cannot run (options that do not go together, a required one
    /// missing), exit 64. Commands check these in `execute`, not in ArgumentParser's `validate()`,
    /// which runs before unknown options are looked for: `simulate --bogus` must say that
    /// `--bogus` is unknown, not that `--action` is missing.
    static func usageFailure(_ message: String, at place: String) -> CommandFailure {
        CommandFailure("usage.invalid", message, at: place,
                       help: "see `accessgraph \(_commandName) --help`", status: ExitStatus.usage)
    }
}
