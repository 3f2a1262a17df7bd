import PolicyModel

/// `lint.redundant-resource` (suggestion): a `Resource`/`NotResource` entry already covered by
/// another entry of the same statement (`arn:aws:s3:::b/logs/*` next to `arn:aws:s3:::b/*`).
struct RedundantResourceRule: LintRule {
    let codes = ["lint.redundant-resource"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            guard let patterns = statement.resource?.patterns else { continue }
            for (index, pattern) in patterns.enumerated() {
                let covering = patterns.indices.first { other in
                    guard other != index, Self.pattern(patterns[other], covers: pattern) else { return false }
                    return !Self.pattern(pattern, covers: patterns[other]) || other < index
                }
                guard let covering else { continue }
                diagnostics.append(context.diagnostic(
                    .suggestion, "lint.redundant-resource",
                    "`\(pattern.text)` is already covered by `\(patterns[covering].text)`",
                    at: pattern.position, help: "remove the entry"))
            }
        }
        return diagnostics
    }

    /// Whether every resource `covered` names is also named by `pattern`, as the evaluator matches
    /// `Resource` entries (segment by segment). Entries with policy variables cover only their exact
    /// duplicates.
    static func pattern(_ pattern: ResourcePattern, covers covered: ResourcePattern) -> Bool {
        if pattern.text == covered.text { return true }
        guard let compiled = pattern.compiled, let coveredCompiled = covered.compiled else { return false }
        return compiled.subsumes(coveredCompiled)
    }
}
