import PolicyModel

/// `SourcePosition(line:column:)` in the short form position tables use.
package func at(_ line: Int, _ column: Int) -> SourcePosition {
    SourcePosition(line: line, column: column)
}
