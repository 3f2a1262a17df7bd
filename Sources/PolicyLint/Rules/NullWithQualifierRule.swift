import PolicyModel

/// `lint.null-with-qualifier` (suggestion): `ForAllValues:`/`ForAnyValue:` on `Null`, which tests
/// only whether the key is present, so the qualifier adds nothing but confusion.
struct NullWithQualifierRule: LintRule {
    let codes = ["lint.null-with-qualifier"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            for clause in statement.conditions where clause.operator.base == .null && clause.operator.qualifier != nil {
                diagnostics.append(context.diagnostic(
                    .suggestion, "lint.null-with-qualifier",
                    "`\(clause.operator.spelling)` on `\(clause.key)`: `Null` only tests whether the key is present, so the qualifier has no effect",
                    at: clause.position, help: "use `Null`"))
            }
        }
        return diagnostics
    }
}
