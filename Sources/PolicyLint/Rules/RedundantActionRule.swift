import PolicyModel

/// `lint.redundant-action` (suggestion): an `Action`/`NotAction` entry already covered by another
/// entry of the same statement (`s3:GetObject` next to `s3:Get*`, or the same name twice). Entries
/// that are already errors (unknown or malformed) are left to those rules.
struct RedundantActionRule: LintRule {
    let codes = ["lint.redundant-action"]

    /// An entry lower-cased, with the service part it is grouped by.
    private struct Entry {
        var index: Int
        var text: String
        var service: Substring
        var matcher: WildcardPattern
    }

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (statement, resolved) in context.statements {
            let patterns = statement.action.patterns
            let entries = patterns.indices.map { index in
                let text = patterns[index].text.lowercased()
                let service = text.split(separator: ":", maxSplits: 1).first ?? Substring(text)
                return Entry(index: index, text: text, service: service, matcher: patterns[index].matcher)
            }
            // Policies such as ReadOnlyAccess list thousands of entries: compare within a service,
            // plus the few coverers whose service part has a wildcard.
            let byService = Dictionary(grouping: entries, by: \.service)
            let crossService = entries.filter { $0.service.contains("*") || $0.service.contains("?") }
            for entry in entries where entry.index < resolved.count && resolved[entry.index].isValid {
                let candidates = (byService[entry.service] ?? []) + crossService
                let covering = candidates.first { other in
                    guard other.index != entry.index, Self.covers(other, entry) else { return false }
                    // Two entries covering each other are equivalent: only the later one is redundant.
                    return !Self.covers(entry, other) || other.index < entry.index
                }
                guard let covering else { continue }
                diagnostics.append(context.diagnostic(
                    .suggestion, "lint.redundant-action",
                    "`\(patterns[entry.index].text)` is already covered by `\(patterns[covering.index].text)`",
                    at: patterns[entry.index].position, help: "remove the entry"))
            }
        }
        return diagnostics
    }

    /// Whether every action `covered` names is also named by `pattern`, as the evaluator matches
    /// actions (case-insensitively, `?` one character).
    private static func covers(_ pattern: Entry, _ covered: Entry) -> Bool {
        pattern.text == covered.text || pattern.matcher.subsumes(covered.matcher)
    }
}
