import PolicyModel

/// `lint.action-matches-nothing` (error): an action pattern with `*` or `?` that matches no action.
struct UnmatchedActionWildcardRule: LintRule {
    let codes = ["lint.action-matches-nothing"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (_, actions) in context.statements {
            for action in actions {
                guard case .wildcard(let matches) = action.kind, matches.isEmpty else { continue }
                diagnostics.append(context.diagnostic(
                    .error, "lint.action-matches-nothing",
                    "`\(action.pattern.text)` matches no action in the service catalogue of \(context.catalogue.source.iamDataDate)",
                    at: action.pattern.position))
            }
        }
        return diagnostics
    }
}
