import PolicyModel

/// `lint.trust-policy-not-principal` (error): IAM rejects `NotPrincipal` in role trust policies.
struct TrustPolicyNotPrincipalRule: LintRule {
    let codes = ["lint.trust-policy-not-principal"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .trust else { return [] }
        return context.document.statements.compactMap { statement in
            guard let principal = statement.principal, principal.isNot else { return nil }
            return context.diagnostic(
                .error, "lint.trust-policy-not-principal",
                "`NotPrincipal` is not allowed in a role trust policy",
                at: principal.position, help: "name the trusted principals in `Principal`")
        }
    }
}
