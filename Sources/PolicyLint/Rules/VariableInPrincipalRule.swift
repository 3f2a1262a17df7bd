import PolicyModel

/// `lint.variable-in-principal` (error): a policy variable in `Principal`/`NotPrincipal`, where IAM
/// does not substitute variables (Access Analyzer "Variable unsupported in element").
struct VariableInPrincipalRule: LintRule {
    let codes = ["lint.variable-in-principal"]

    func check(_ context: LintContext) -> [Diagnostic] {
        context.document.statements.flatMap { statement -> [Diagnostic] in
            guard let principal = statement.principal else { return [] }
            return principal.entries.filter { $0.value.contains("${") }.map { entry in
                context.diagnostic(
                    .error, "lint.variable-in-principal",
                    "policy variables are not allowed in `\(principal.elementName)`: `\(entry.value)`",
                    at: entry.position, help: "variables work only in `Resource` and in condition values")
            }
        }
    }
}
