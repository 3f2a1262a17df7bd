import PolicyModel
import PolicyParsing

/// How SARIF names the files results point into: as URI references relative to a base directory,
/// under the `uriBaseId` `%SRCROOT%` (code scanning reads them relative to the repository root),
/// percent-encoded so spaces, `#`, `%` and non-ASCII names stay one valid URI. A file outside the
/// base gets an absolute `file://` URI. Pure path arithmetic: nothing is read from the disk.
package struct SARIFPaths: Sendable, Hashable {
    package static let baseId = "%SRCROOT%"

    /// Absolute: where relative input paths (as given on the command line) start.
    package var workingDirectory: String
    /// The directory `%SRCROOT%` stands for, absolute or relative to the working directory. nil
    /// means the working directory, which the report then does not name, so it is the same
    /// wherever it is made.
    package var base: String?

    package init(workingDirectory: String, base: String? = nil) {
        self.workingDirectory = workingDirectory
        self.base = base
    }

    /// `artifactLocation` for `file`: `{"uri": "dir/a%20b.json", "uriBaseId": "%SRCROOT%"}`, or
    /// `{"uri": "file:///elsewhere/a.json"}` when the file is not below the base.
    package func artifactLocation(_ file: String) -> JSONOutput {
        let path = Self.components(file, from: workingDirectory)
        let root = Self.components(base ?? ".", from: workingDirectory)
        if path.count > root.count, Array(path.prefix(root.count)) == root {
            return .object([
                ("uri", .string(path.dropFirst(root.count).map(Self.percentEncoded).joined(separator: "/"))),
                ("uriBaseId", .string(Self.baseId)),
            ])
        }
        return .object([("uri", .string(Self.fileURI(path, directory: false)))])
    }

    /// The run's `originalUriBaseIds`: the base's `file://` URI when one was given, else a
    /// description of what `%SRCROOT%` is.
    package var originalUriBaseIds: JSONOutput {
        let location: JSONOutput = if let base {
            .object([("uri", .string(Self.fileURI(Self.components(base, from: workingDirectory), directory: true)))])
        } else {
            .object([("description", .object([("text", .string("the working directory of the accessgraph run"))]))])
        }
        return .object([(Self.baseId, location)])
    }

    /// The absolute path's components, with `.` and `..` resolved.
    static func components(_ path: String, from workingDirectory: String) -> [String] {
        let full = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var result: [String] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = result.popLast()
            default: result.append(String(part))
            }
        }
        return result
    }

    static func fileURI(_ components: [String], directory: Bool) -> String {
        let path = components.map(percentEncoded).joined(separator: "/")
        return "file:///" + path + (directory && !components.isEmpty ? "/" : "")
    }

    /// One path segment percent-encoded (RFC 3986), so no `:`, `#`, `?`, `%` or space changes
    /// what the reference means.
    static func percentEncoded(_ segment: String) -> String {
        PercentEncoding.encoded(segment)
    }
}
