import Foundation
import PolicyModel
import PolicyParsing
import ServiceCatalog

/// Reads policy files for commands, turning every problem into a located diagnostic.
enum InputFiles {
    static func policy(_ path: String) throws(DiagnosticError) -> PolicyDocument {
        let bytes = try SourceFile.bytes(path)
        do {
            return try PolicyParser.parse(bytes: bytes)
        } catch {
            throw error.located(in: path)
        }
    }
}

/// Writes report files; each file is written whole or not at all (write to a temporary file,
/// then rename), so a failure never leaves a half-written report.
enum OutputFiles {
    static func write(_ files: [(name: String, contents: String)], into directory: String) throws(CommandFailure) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for file in files {
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(file.name), options: .atomic)
            }
        } catch {
            throw CommandFailure("io.unwritable", error.localizedDescription, at: directory)
        }
    }
}

extension ServiceCatalogue {
    /// The embedded catalogue, or a failure phrased for the command line.
    static func forCommand() throws(CommandFailure) -> ServiceCatalogue {
        do {
            return try ServiceCatalogue.embedded()
        } catch {
            throw CommandFailure("catalogue.unavailable", "the embedded service catalogue cannot be loaded: \(error)", at: "accessgraph")
        }
    }
}

extension DiagnosticError {
    var commandFailure: CommandFailure {
        CommandFailure(diagnostics)
    }
}

extension AWSIdentifierForm {
    /// A diagnostic at `option` when `value` does not have this form.
    func problem(with value: String, option: String) -> Diagnostic? {
        if accepts(value) { return nil }
        let shown = shownEscaped(value)
        let code = switch self {
        case .accountID: "usage.invalid-account"
        case .region: "usage.invalid-region"
        case .partition: "usage.invalid-partition"
        }
        return Diagnostic(severity: .error, code: code, message: "`\(shown)` is not \(noun)", file: option, help: expectedForm)
    }
}

/// A command-line value as messages show it: with control characters, quotes and backslashes
/// escaped (Swift's escapes, without the surrounding quotes), since it goes back to a terminal
/// or a CI log, where a raw newline could forge a line of output.
func shownEscaped(_ value: String) -> String {
    String(value.debugDescription.dropFirst().dropLast())
}
