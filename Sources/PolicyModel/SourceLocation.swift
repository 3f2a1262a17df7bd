/// A file and a position in it, for reports and diagnostics that point into an input.
package struct SourceLocation: Sendable, Hashable {
    package var file: String
    package var position: SourcePosition

    package init(file: String, position: SourcePosition) {
        self.file = file
        self.position = position
    }
}
