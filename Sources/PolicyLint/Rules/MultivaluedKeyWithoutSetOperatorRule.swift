import PolicyModel

/// `lint.multivalued-key-without-set-operator` (warning): a plain operator on a multivalued key such
/// as `aws:TagKeys`; such keys carry a set, and a plain operator does not match a request that
/// carries several values.
struct MultivaluedKeyWithoutSetOperatorRule: LintRule {
    let codes = ["lint.multivalued-key-without-set-operator"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            for clause in statement.conditions where clause.operator.qualifier == nil && clause.operator.base != .null {
                guard let info = context.catalogue.conditionKey(clause.key), info.isMultivalued else { continue }
                diagnostics.append(context.diagnostic(
                    .warning, "lint.multivalued-key-without-set-operator",
                    "`\(clause.key)` is multivalued but `\(clause.operator.spelling)` has no `ForAllValues:` or `ForAnyValue:` qualifier",
                    at: clause.position,
                    help: "use `ForAnyValue:\(clause.operator.spelling)` (any value matches) or `ForAllValues:\(clause.operator.spelling)` (every value matches)"))
            }
        }
        return diagnostics
    }
}
