import PolicyModel

/// `lint.invalid-action` (error): an action entry that is not `service:ActionName`, or that holds a
/// policy variable (IAM allows variables only in `Resource` and condition values).
struct InvalidActionRule: LintRule {
    let codes = ["lint.invalid-action"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (statement, actions) in context.statements {
            for action in actions {
                guard case .malformed(let reason) = action.kind else { continue }
                diagnostics.append(context.diagnostic(
                    .error, "lint.invalid-action",
                    "`\(action.pattern.text)` is not a valid `\(statement.action.elementName)` entry",
                    at: action.pattern.position, help: reason))
            }
        }
        return diagnostics
    }
}
