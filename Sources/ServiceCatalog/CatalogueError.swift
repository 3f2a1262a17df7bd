/// Why the catalogue could not be loaded. Messages name the file and, for bad content, the line.
package enum CatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The resource file is not in the bundle.
    case resourceMissing(file: String)
    /// The file exists but could not be read.
    case unreadable(file: String, reason: String)
    /// Wrong magic word or a format version this build does not understand.
    case unsupportedFormat(file: String, found: String)
    /// The content does not follow the format.
    case malformed(file: String, line: Int, reason: String)

    package var description: String {
        switch self {
        case .resourceMissing(let file): "\(file): resource missing from the ServiceCatalog bundle"
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .unsupportedFormat(let file, let found): "\(file): unsupported format \(found.debugDescription)"
        case .malformed(let file, let line, let reason): "\(file): line \(line): \(reason)"
        }
    }
}
