import PolicyModel

/// `lint.wildcard-without-like-operator` (warning): `*` or `?` in a value of `StringEquals` and the
/// other non-`Like` string operators, which compare them literally.
struct WildcardWithoutLikeOperatorRule: LintRule {
    let codes = ["lint.wildcard-without-like-operator"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            for clause in statement.conditions where clause.operator.base.family == .string && !clause.operator.base.globs {
                for value in clause.values where Self.hasWildcard(value.template) {
                    let like = clause.operator.base.isNegated ? "StringNotLike" : "StringLike"
                    diagnostics.append(context.diagnostic(
                        .warning, "lint.wildcard-without-like-operator",
                        "`\(clause.operator.spelling)` compares `\(value.text)` literally; `*` and `?` are wildcards only in `Like` operators",
                        at: value.position, help: "use `\(like)` to match a pattern, or `${*}`/`${?}` to mean the character itself"))
                }
            }
        }
        return diagnostics
    }

    /// Wildcard characters in literal text; `${*}` and `${?}` escapes are deliberate.
    private static func hasWildcard(_ template: PolicyVariableString) -> Bool {
        template.parts.contains { part in
            if case .text(let text) = part { return text.contains("*") || text.contains("?") }
            return false
        }
    }
}
