import PolicyModel

/// `lint.redundant-resource` (suggestion): a `Resource`/`NotResource` entry already covered by
/// another entry of the same statement (`arn:aws:s3:::b/logs/*` next to `arn:aws:s3:::b/*`).
///
/// Entries that read the same (the same text, or the same compiled pattern) cover each other and
/// are found by hashing; only entries with a wildcard can cover a different entry, so those are
/// compared pairwise, within `ComparisonBudget`.
struct RedundantResourceRule: LintRule {
    let codes = ["lint.redundant-resource"]
    /// For tests: the budget per statement, or nil for `ComparisonBudget.forEntries`.
    var budget: Int? = nil

    /// Entries with the same key are equivalent. Entries with policy variables cover only their
    /// exact duplicates, so they are keyed by text.
    private enum Key: Hashable {
        case compiled(ARNPattern)
        case text(String)
    }

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            guard let patterns = statement.resource?.patterns else { continue }
            for (index, covering) in Self.firstCovering(patterns, budget: budget ?? ComparisonBudget.forEntries(patterns.map(\.text))) {
                diagnostics.append(context.diagnostic(
                    .suggestion, "lint.redundant-resource",
                    "`\(patterns[index].text)` is already covered by `\(patterns[covering].text)`",
                    at: patterns[index].position, help: "remove the entry"))
            }
        }
        return diagnostics
    }

    /// For each covered entry, the first other entry that covers it; of two entries covering each
    /// other, only the later one is covered.
    static func firstCovering(_ patterns: [ResourcePattern], budget initialBudget: Int) -> [(Int, Int)] {
        var budget = initialBudget
        let keys = patterns.map { pattern in pattern.compiled.map(Key.compiled) ?? .text(pattern.text) }
        var firstByKey: [Key: Int] = [:]
        var wildcards: [Int] = []
        for (index, key) in keys.enumerated() where firstByKey[key] == nil {
            firstByKey[key] = index
            if patterns[index].compiled?.hasWildcards == true { wildcards.append(index) }
        }
        var result: [(Int, Int)] = []
        for index in patterns.indices {
            let first = firstByKey[keys[index]] ?? index
            var covering = first < index ? first : nil
            if let compiled = patterns[index].compiled {
                for other in wildcards where budget > 0 {
                    if let covering, other > covering { break }
                    guard keys[other] != keys[index], let otherCompiled = patterns[other].compiled,
                          otherCompiled.subsumes(compiled, budget: &budget),
                          other < index || !compiled.subsumes(otherCompiled, budget: &budget) else { continue }
                    covering = other
                    break
                }
            }
            if let covering { result.append((index, covering)) }
        }
        return result
    }
}
