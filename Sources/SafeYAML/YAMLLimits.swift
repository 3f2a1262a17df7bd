import PolicyModel

/// What a reader accepts before it gives up on a YAML text. Each reader chooses its own sizes;
/// the alias defences (no aliases inside mapping keys, a bound on what aliases expand to) always
/// apply.
package struct YAMLLimits: Sendable {
    /// The largest text, in UTF-8 bytes (a leading byte order mark not counted).
    package var maximumBytes: Int
    /// The deepest nesting of sequences and mappings, counting what aliases bring in. Readers
    /// recurse over the tree, so this also bounds their stack use. libyaml itself stops at 1,000.
    package var maximumDepth: Int
    /// The most aliases (`*name`) a text may use, or nil for no count limit.
    package var maximumAliases: Int?

    package init(maximumBytes: Int, maximumDepth: Int, maximumAliases: Int? = nil) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.maximumAliases = maximumAliases
    }

    /// How large the document may become once aliases are expanded (`InputLimits.yamlExpansionUnits`).
    package static func expansionBudget(forTextBytes bytes: Int) -> Int {
        InputLimits.yamlExpansionUnits(forTextBytes: bytes)
    }
}
