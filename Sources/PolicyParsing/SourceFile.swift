import Foundation
import PolicyModel

/// Reading an input file's bytes, shared by the commands and the case runner. Inputs are at most
/// a few tens of KB; anything far larger is refused before it is read into memory.
package enum SourceFile {
    package static let maximumSize = 64 * 1024 * 1024

    /// The file's bytes; `io.too-large` or `io.unreadable` otherwise. Callers check existence and
    /// kind first, with the messages their users expect.
    package static func bytes(_ path: String) throws(DiagnosticError) -> [UInt8] {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumSize {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.too-large",
                                             message: "file is \(size) bytes, more than the \(maximumSize)-byte limit", file: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.unreadable", message: "cannot read the file", file: path))
        }
        return [UInt8](data)
    }
}
