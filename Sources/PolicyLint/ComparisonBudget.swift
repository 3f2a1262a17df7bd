/// How much work the lint rules that compare entries in pairs may spend on one element: the
/// redundancy rules (`lint.redundant-action`, `lint.redundant-resource`) compare entries with each
/// other, `lint.resource-mismatch` compares them with resource types. Deciding cover between
/// patterns with `?` after `*` can be exponential and pairs are quadratic, so the work is bounded
/// in proportion to the entries' size, which keeps linting linear in the policy. Exact duplicates,
/// and names covered by a wildcard, are found without comparing pairs, so they are always
/// reported; wildcard entries are compared in order until the budget runs out, and an entry not
/// shown to be covered is not reported (a resource entry not compared counts as matching). Every
/// AWS managed policy is checked in full (`ComparisonBudgetTests`).
///
/// Units: about one per pattern byte compared or automaton step, and 16 per pair
/// (`WildcardPattern.subsumes(_:budget:)`); in a release build, tens of nanoseconds each.
package enum ComparisonBudget {
    package static let perEntryByte = 100
    package static let base = 100_000

    /// The budget for an element whose entries' texts are `texts`.
    package static func forEntries(_ texts: some Sequence<String>) -> Int {
        base + perEntryByte * texts.reduce(0) { $0 + $1.utf8.count }
    }
}
