import PolicyModel

/// `lint.unknown-global-condition-key` (error): an `aws:` condition key, or an `${aws:...}` policy
/// variable, that is not one of AWS's global condition keys. A misspelt key is never in the request,
/// so the condition silently fails (or, negated, silently passes).
struct UnknownGlobalConditionKeyRule: LintRule {
    let codes = ["lint.unknown-global-condition-key"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func checkKey(_ key: String, at position: SourcePosition, asVariable: Bool) {
            guard key.lowercased().hasPrefix("aws:") else { return }
            if let info = context.catalogue.conditionKey(key), info.isGlobal { return }
            diagnostics.append(context.diagnostic(
                .error, "lint.unknown-global-condition-key",
                asVariable ? "unknown global condition key `\(key)` in a policy variable" : "unknown global condition key `\(key)`",
                at: position, help: "check the spelling against AWS's global condition context keys"))
        }
        for statement in context.document.statements {
            for pattern in statement.resource?.patterns ?? [] {
                for key in pattern.template.variableKeys { checkKey(key, at: pattern.position, asVariable: true) }
            }
            for clause in statement.conditions {
                checkKey(clause.key, at: clause.position, asVariable: false)
                for value in clause.values {
                    for key in value.template.variableKeys { checkKey(key, at: value.position, asVariable: true) }
                }
            }
        }
        return diagnostics
    }
}
