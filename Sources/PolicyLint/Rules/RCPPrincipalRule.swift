import PolicyModel

/// `lint.rcp-principal` (error): resource control policies accept only `"Principal": "*"` (callers
/// are narrowed with conditions) and no `NotPrincipal`.
struct RCPPrincipalRule: LintRule {
    let codes = ["lint.rcp-principal"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .rcp else { return [] }
        return context.document.statements.compactMap { statement in
            guard let principal = statement.principal else { return nil }
            if principal.isNot {
                return context.diagnostic(
                    .error, "lint.rcp-principal", "`NotPrincipal` is not allowed in a resource control policy",
                    at: principal.position, help: "use `\"Principal\": \"*\"` with a condition on `aws:PrincipalArn`")
            }
            let isStar = principal.isEveryone || principal.entries.allSatisfy { $0.kind == .aws && $0.value == "*" }
            guard !isStar else { return nil }
            return context.diagnostic(
                .error, "lint.rcp-principal", "a resource control policy's `Principal` must be `*`",
                at: principal.position, help: "narrow the callers with conditions such as `aws:PrincipalOrgID`")
        }
    }
}
