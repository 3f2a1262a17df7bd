import PolicyModel

/// `lint.forallvalues-single-valued-key` (security warning): `ForAllValues:` on a single-valued key.
/// `ForAllValues` is also true when the key is absent, so in an `Allow` it matches requests that
/// do not carry the key at all.
struct ForAllValuesWithSingleValuedKeyRule: LintRule {
    let codes = ["lint.forallvalues-single-valued-key"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            for clause in statement.conditions where clause.operator.qualifier == .forAllValues && clause.operator.base != .null {
                guard let info = context.catalogue.conditionKey(clause.key), !info.isMultivalued else { continue }
                diagnostics.append(context.diagnostic(
                    .securityWarning, "lint.forallvalues-single-valued-key",
                    "`\(clause.operator.spelling)` on the single-valued key `\(clause.key)` also matches requests without the key",
                    at: clause.position, help: "use `\(clause.operator.withoutQualifier)` for a single-valued key"))
            }
        }
        return diagnostics
    }
}

extension ConditionOperator {
    /// The operator without its `ForAllValues:`/`ForAnyValue:` prefix, spelled canonically.
    var withoutQualifier: String {
        base.rawValue + (ifExists ? "IfExists" : "")
    }
}
