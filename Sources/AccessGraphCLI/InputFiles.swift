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

/// Writes report files; each file is written whole or not at all (written to a temporary file in
/// the same directory, then renamed over the name), so a failure never leaves a half-written report.
enum OutputFiles {
    static func write(_ files: [(name: String, contents: String)], into directory: String) throws(CommandFailure) {
        for file in files {
            try stream(file.name, into: directory) { write in try write(file.contents) }
        }
    }

    /// Writes `name` from the pieces `produce` hands over, in blocks (`OutputBlocks`), so a file
    /// of any size is never held whole; it appears under its name only once complete.
    static func stream(_ name: String, into directory: String, _ produce: (_ write: (String) throws -> Void) throws -> Void) throws(CommandFailure) {
        let folder = URL(fileURLWithPath: directory)
        let partial = folder.appendingPathComponent(".\(name).\(UUID().uuidString).partial")
        defer { try? FileManager.default.removeItem(at: partial) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: partial.path, contents: nil) else { throw CocoaError(.fileWriteNoPermission) }
            let handle = try FileHandle(forWritingTo: partial)
            do {
                try OutputBlocks.write(to: { try handle.write(contentsOf: Data($0.utf8)) }, produce)
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(partial.path, folder.appendingPathComponent(name).path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        } catch {
            throw CommandFailure("io.unwritable", error.localizedDescription, at: directory)
        }
    }

    /// Removes an earlier run's `name` from `directory`, so the directory holds only what this run wrote.
    static func remove(_ name: String, from directory: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
}

/// Gathers pieces of output into blocks of about 64 KiB before handing them on: output written an
/// edge at a time costs one write per block, not per edge, and holds no more than a block.
final class OutputBlocks {
    static let size = 65_536
    private let sink: (String) throws -> Void
    private var block = ""

    private init(sink: @escaping (String) throws -> Void) {
        self.sink = sink
    }

    /// Hands `sink` what `produce` writes, a block at a time.
    static func write(to sink: @escaping (String) throws -> Void, _ produce: (_ write: (String) throws -> Void) throws -> Void) throws {
        let blocks = OutputBlocks(sink: sink)
        try produce(blocks.append)
        if !blocks.block.isEmpty { try sink(blocks.block) }
    }

    private func append(_ piece: String) throws {
        block += piece
        if block.utf8.count >= Self.size {
            try sink(block)
            block.removeAll(keepingCapacity: true)
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
