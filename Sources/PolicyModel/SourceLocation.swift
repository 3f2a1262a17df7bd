/// A file and a position in it, for reports and diagnostics that point into an input.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var position: SourcePosition

    package init(file: String, position: SourcePosition) {
        self.file = file
        self.position = position
    }

    /// `file:line:column`, or the file alone when the position is unknown.
    package var description: String {
        position.isKnown ? "\(file):\(position.line):\(position.column)" : file
    }
}
