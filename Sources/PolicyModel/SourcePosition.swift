/// A 1-based line and column in a source text. Columns count Unicode scalars, so a position
/// points at the same character an editor shows.
///
/// Model values that carry a position (policy elements and their entries) leave it out of `==` and
/// `hash(into:)`, as cedar keeps `loc` out of `PartialEq`: the same policy written with other
/// whitespace is the same policy, and diffs and round trips compare structure, not places.
package struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Used where a value was built in code rather than read from text.
    package static let unknown = SourcePosition(line: 0, column: 0)

    package var isKnown: Bool { line > 0 }

    package var description: String { "\(line):\(column)" }

    package static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
