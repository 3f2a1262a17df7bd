import PolicyModel

/// A value read from the pipeline YAML together with the place it was written: the line and
/// column of the value itself (for a value reached through a YAML alias, the anchored value).
package struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    package var value: Value
    package var position: SourcePosition

    package init(_ value: Value, at position: SourcePosition = .unknown) {
        self.value = value
        self.position = position
    }

    package func map<Other: Sendable & Hashable>(_ transform: (Value) -> Other) -> Located<Other> {
        Located<Other>(transform(value), at: position)
    }
}

extension Located: CustomStringConvertible {
    package var description: String { "\(value)@\(position)" }
}
