import Foundation
import PolicyModel

/// Reading an input file's bytes, shared by the commands and the case runner. Inputs are at most
/// a few tens of KB; anything far larger is refused before it is read into memory.
package enum SourceFile {

    /// What a path names, for inputs that may be a file or a directory (a CDK cloud assembly).
    package enum Kind: Sendable {
        case file, directory, missing
    }

    package static func kind(of path: String) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .directory : .file
    }

    /// The file's bytes; otherwise `io.not-found`, `io.is-directory`, `io.too-large` or
    /// `io.unreadable`, each naming the file.
    package static func bytes(_ path: String) throws(DiagnosticError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.not-found", message: "no such file", file: path))
        }
        guard !isDirectory.boolValue else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.is-directory", message: "expected a file, found a directory", file: path))
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > InputLimits.fileBytes {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.too-large",
                                             message: "file is \(size) bytes, more than the \(InputLimits.fileBytes)-byte limit", file: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.unreadable", message: "cannot read the file", file: path))
        }
        return [UInt8](data)
    }
}
