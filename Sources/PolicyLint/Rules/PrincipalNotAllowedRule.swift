import PolicyModel

/// `lint.principal-not-allowed` (error): `Principal`/`NotPrincipal` in a policy attached to a
/// principal (identity-based, permissions boundary, session) or in an SCP, which applies to the
/// accounts it is attached to.
struct PrincipalNotAllowedRule: LintRule {
    let codes = ["lint.principal-not-allowed"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type.isIdentityKind || context.type == .scp else { return [] }
        return context.document.statements.compactMap { statement in
            guard let principal = statement.principal else { return nil }
            let help = context.type == .scp
                ? "an SCP applies to every principal in the accounts it is attached to; use a condition on `aws:PrincipalArn` to single some out"
                : "the policy applies to the principal it is attached to; remove `\(principal.elementName)`"
            return context.diagnostic(
                .error, "lint.principal-not-allowed",
                "`\(principal.elementName)` is not allowed in \(context.type.displayName)",
                at: principal.position, help: help)
        }
    }
}
