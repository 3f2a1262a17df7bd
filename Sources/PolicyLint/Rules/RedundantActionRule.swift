import PolicyModel

/// `lint.redundant-action` (suggestion): an `Action`/`NotAction` entry already covered by another
/// entry of the same statement (`s3:GetObject` next to `s3:Get*`, or the same name twice). Entries
/// that are already errors (unknown or malformed) are left to those rules.
struct RedundantActionRule: LintRule {
    let codes = ["lint.redundant-action"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (statement, resolved) in context.statements {
            let patterns = statement.action.patterns
            let lowered = patterns.map { $0.text.lowercased() }
            for (index, pattern) in patterns.enumerated() where index < resolved.count && resolved[index].isValid {
                let covering = patterns.indices.first { other in
                    guard other != index, Self.pattern(lowered[other], covers: lowered[index]) else { return false }
                    // Two entries covering each other are equivalent: only the later one is redundant.
                    return !Self.pattern(lowered[index], covers: lowered[other]) || other < index
                }
                guard let covering else { continue }
                diagnostics.append(context.diagnostic(
                    .suggestion, "lint.redundant-action",
                    "`\(pattern.text)` is already covered by `\(patterns[covering].text)`",
                    at: pattern.position, help: "remove the entry"))
            }
        }
        return diagnostics
    }

    /// Whether every action `covered` names is also named by `pattern` (both lower-cased). Sound for
    /// patterns without `?`: if the glob matches the covered text with its wildcards read literally,
    /// each of those wildcards sits inside a `*` of the pattern, which absorbs whatever it expands to.
    static func pattern(_ pattern: String, covers covered: String) -> Bool {
        if pattern == covered { return true }
        guard !pattern.contains("?"), pattern.contains("*") else { return false }
        return WildcardPattern(glob: pattern).matches(covered)
    }
}
