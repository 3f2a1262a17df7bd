import PolicyModel

/// `lint.foranyvalue-single-valued-key` (warning): `ForAnyValue:` on a single-valued key, which
/// works but hides that the key carries one value (and reads as if it were a set).
struct ForAnyValueWithSingleValuedKeyRule: LintRule {
    let codes = ["lint.foranyvalue-single-valued-key"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            for clause in statement.conditions where clause.operator.qualifier == .forAnyValue && clause.operator.base != .null {
                guard let info = context.catalogue.conditionKey(clause.key), !info.isMultivalued else { continue }
                diagnostics.append(context.diagnostic(
                    .warning, "lint.foranyvalue-single-valued-key",
                    "`\(clause.operator.spelling)` is meant for multivalued keys, but `\(clause.key)` is single-valued",
                    at: clause.position, help: "use `\(clause.operator.withoutQualifier)`"))
            }
        }
        return diagnostics
    }
}
