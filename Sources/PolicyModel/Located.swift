/// A value read from an input together with where it was written: the line and column of the
/// value itself (for a YAML value reached through an alias, the anchored value). Used for every
/// "value and its place" in templates, pipeline configurations and policies.
///
/// `==` and `hash(into:)` compare the value only (see `SourcePosition`); tests that pin a
/// position compare `position` as well.
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

    package static func == (lhs: Located, rhs: Located) -> Bool {
        lhs.value == rhs.value
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}

extension Located: CustomStringConvertible {
    package var description: String { "\(value)@\(position)" }
}
