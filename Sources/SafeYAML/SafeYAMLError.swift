import PolicyModel

/// Why a YAML text was refused, with the place. The kind is neutral; each reader turns it into its
/// own diagnostic code (`template.invalid-yaml`, `pipeline.yaml-syntax`, ...).
package struct SafeYAMLError: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable, CaseIterable {
        /// The text is larger than `YAMLLimits.maximumBytes`.
        case tooLarge
        /// Nesting deeper than `YAMLLimits.maximumDepth` (or libyaml's own limit).
        case tooDeep
        /// More aliases than `YAMLLimits.maximumAliases`.
        case tooManyAliases
        /// An alias used as (part of) a mapping key, which could expand exponentially while keys
        /// are compared.
        case aliasInKey
        /// Aliases expand the document beyond `YAMLLimits.expansionBudget`.
        case expansionTooLarge
        /// Not YAML: what libyaml reports, worded "invalid YAML: …".
        case syntax
        /// A key repeated in one mapping.
        case duplicateKey
    }

    package var kind: Kind
    /// Lowercase, no final period, user values in backticks (the `Diagnostic` style).
    package var message: String
    package var position: SourcePosition
    package var help: String?

    package init(_ kind: Kind, _ message: String, at position: SourcePosition, help: String? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
        self.help = help
    }

    /// The error as an error diagnostic with the reader's code for its kind.
    package func diagnostic(code: String) -> Diagnostic {
        Diagnostic(severity: .error, code: code, message: message, position: position, help: help)
    }

    package var description: String { "\(position): \(message)" }
}
