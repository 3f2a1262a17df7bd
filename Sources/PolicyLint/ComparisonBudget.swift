/// How much work the redundancy rules may spend comparing one element's entries with each other
/// (`lint.redundant-action`, `lint.redundant-resource`) or with resource types (`lint.resource-mismatch`).
/// Which entries cover which is a question about pairs, and deciding cover between patterns with `?` after `*` can be exponential, so the
/// work is bounded in proportion to the entries' size: linting stays linear in the policy.
/// Exact duplicates, and (for actions) names covered by a wildcard, are found without comparing
/// pairs, so they are always reported; wildcard entries are compared with each other in order until
/// the budget runs out, and an entry not shown to be covered is not reported. Every AWS managed
/// policy is checked in full (`ComparisonBudgetTests`).
///
/// Units: about one per pattern byte compared or automaton step (`WildcardPattern.subsumes(_:budget:)`).
package enum ComparisonBudget {
    package static let perEntryByte = 1_000
    package static let base = 100_000

    /// The budget for an element whose entries' texts are `texts`.
    package static func forEntries(_ texts: some Sequence<String>) -> Int {
        base + perEntryByte * texts.reduce(0) { $0 + $1.utf8.count }
    }
}
