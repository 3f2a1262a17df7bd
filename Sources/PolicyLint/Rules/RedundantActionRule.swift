import PolicyModel
import ServiceCatalog

/// `lint.redundant-action` (suggestion): an `Action`/`NotAction` entry already covered by another
/// entry of the same statement (`s3:GetObject` next to `s3:Get*`, or the same name twice). Entries
/// that are already errors (unknown or malformed) are left to those rules.
///
/// Policies such as ReadOnlyAccess list thousands of entries, and a hostile one tens of thousands,
/// so no entry is compared with every other: duplicates are found by hashing; a known name is
/// covered by a wildcard exactly when the wildcard's catalogue expansion (matched as the evaluator
/// matches) holds it; only wildcards are compared with each other, within `ComparisonBudget`.
struct RedundantActionRule: LintRule {
    let codes = ["lint.redundant-action"]
    /// For tests: the budget per statement, or nil for `ComparisonBudget.forEntries`.
    var budget: Int? = nil

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (statement, resolved) in context.statements {
            let patterns = statement.action.patterns
            let budget = budget ?? ComparisonBudget.forEntries(patterns.map(\.text))
            for (index, covering) in Self.firstCovering(patterns, resolved, catalogue: context.catalogue, budget: budget) {
                diagnostics.append(context.diagnostic(
                    .suggestion, "lint.redundant-action",
                    "`\(patterns[index].text)` is already covered by `\(patterns[covering].text)`",
                    at: patterns[index].position, help: "remove the entry"))
            }
        }
        return diagnostics
    }

    /// For each covered valid entry, the first entry covering it: first among those with the same
    /// service part, then among those whose service part has a wildcard. Two entries covering each
    /// other are equivalent, and only the later one is covered.
    static func firstCovering(
        _ patterns: [ActionPattern], _ resolved: [ResolvedAction], catalogue: ServiceCatalogue, budget initialBudget: Int
    ) -> [(Int, Int)] {
        var budget = initialBudget
        // Lower-cased, as the evaluator compares actions; grouped by the part before the colon.
        let texts = patterns.map { $0.text.lowercased() }
        let services = texts.map { $0.split(separator: ":", maxSplits: 1).first ?? Substring($0) }
        func isCrossService(_ index: Int) -> Bool { services[index].contains("*") || services[index].contains("?") }

        // The first entry of each text stands for its duplicates: it covers them, and covers what they do.
        var firstByText: [String: Int] = [:]
        var wildcards: [Int] = []
        var wildcardsByService: [Substring: [Int]] = [:]
        var crossServiceWildcards: [Int] = []
        for index in patterns.indices where firstByText[texts[index]] == nil {
            firstByText[texts[index]] = index
            guard patterns[index].matcher.hasWildcards else { continue }
            wildcards.append(index)
            wildcardsByService[services[index], default: []].append(index)
            if isCrossService(index) { crossServiceWildcards.append(index) }
        }

        // Known names (the texts of valid exact entries) covered by a wildcard: the first such
        // wildcard with the name's service part, and the first whose service part has a wildcard.
        var namesToCover: Set<String> = []
        for index in patterns.indices where index < resolved.count && resolved[index].info != nil {
            namesToCover.insert(texts[index])
        }
        var sameServiceCover: [String: Int] = [:]
        var crossServiceCover: [String: Int] = [:]
        var everything: Int?
        if !namesToCover.isEmpty {
            // Ascending, so the first wildcard recorded for a name is the first in the statement.
            for index in wildcards {
                if patterns[index].matcher.matchesEverything {
                    everything = everything ?? index
                    continue
                }
                let expansion: [ActionInfo]
                if index < resolved.count, case .wildcard(let infos) = resolved[index].kind {
                    expansion = infos
                } else {
                    // Malformed entries match names too (`*Object`, no colon).
                    expansion = catalogue.expandActionPattern(patterns[index].text)
                }
                let crossService = isCrossService(index)
                for info in expansion {
                    let name = info.qualifiedName.asciiLowercased
                    guard namesToCover.contains(name) else { continue }
                    if crossService {
                        if crossServiceCover[name] == nil { crossServiceCover[name] = index }
                    } else if sameServiceCover[name] == nil {
                        sameServiceCover[name] = index
                    }
                }
            }
        }

        var result: [(Int, Int)] = []
        for index in patterns.indices where index < resolved.count && resolved[index].isValid {
            let first = firstByText[texts[index]] ?? index
            let duplicateOf = first < index ? first : nil
            var covering: Int?
            if resolved[index].info != nil {
                let sameService = [duplicateOf, sameServiceCover[texts[index]]].compactMap { $0 }.min()
                covering = sameService ?? [crossServiceCover[texts[index]], everything].compactMap { $0 }.min()
            } else {
                covering = firstCoveringWildcard(
                    of: index, among: wildcardsByService[services[index]] ?? [], before: duplicateOf, patterns, texts, &budget)
                    ?? duplicateOf
                    ?? firstCoveringWildcard(of: index, among: crossServiceWildcards, before: nil, patterns, texts, &budget)
            }
            if let covering { result.append((index, covering)) }
        }
        return result
    }

    /// The first of `candidates` (wildcard entries, ascending) before `bound` that covers entry
    /// `index`, unless the entry covers it back and comes first.
    private static func firstCoveringWildcard(
        of index: Int, among candidates: [Int], before bound: Int?, _ patterns: [ActionPattern], _ texts: [String], _ budget: inout Int
    ) -> Int? {
        let matcher = patterns[index].matcher
        for other in candidates where budget > 0 {
            if let bound, other >= bound { break }
            guard texts[other] != texts[index] else { continue }
            let otherMatcher = patterns[other].matcher
            if otherMatcher.subsumes(matcher, budget: &budget), other < index || !matcher.subsumes(otherMatcher, budget: &budget) {
                return other
            }
        }
        return nil
    }
}
