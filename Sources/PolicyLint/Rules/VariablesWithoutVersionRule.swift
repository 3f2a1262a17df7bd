import PolicyModel

/// `lint.variables-need-version` (warning): a `${...}` policy variable in a policy without
/// `"Version": "2012-10-17"`, where IAM reads it as literal text, so the entry or condition value
/// never matches what was meant.
struct VariablesWithoutVersionRule: LintRule {
    let codes = ["lint.variables-need-version"]

    func check(_ context: LintContext) -> [Diagnostic] {
        let document = context.document
        guard !document.variablesEnabled else { return [] }
        let why = document.version.map { "`Version` is `\($0.rawValue)`" } ?? "the policy has no `Version`"
        var diagnostics: [Diagnostic] = []
        func warn(_ text: String, at position: SourcePosition) {
            diagnostics.append(context.diagnostic(
                .warning, "lint.variables-need-version",
                "`\(text)` is read literally, not as a policy variable, because \(why)",
                at: position, help: "policy variables need `\"Version\": \"2012-10-17\"`"))
        }
        for statement in document.statements {
            for pattern in statement.resource?.patterns ?? [] where pattern.text.contains("${") {
                warn(pattern.text, at: pattern.position)
            }
            for clause in statement.conditions {
                for value in clause.values where value.text.contains("${") {
                    warn(value.text, at: value.position)
                }
            }
        }
        return diagnostics
    }
}
