import PolicyModel

/// `lint.trust-policy-wildcard-principal` (error): the bare string `"Principal": "*"` in a role
/// trust policy.
struct TrustPolicyWildcardPrincipalRule: LintRule {
    let codes = ["lint.trust-policy-wildcard-principal"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .trust else { return [] }
        return context.document.statements.compactMap { statement in
            guard let principal = statement.principal, !principal.isNot, principal.isEveryone else { return nil }
            return context.diagnostic(
                .error, "lint.trust-policy-wildcard-principal",
                "a role trust policy cannot trust the bare principal `*`",
                at: principal.position,
                help: "name the trusted principals in an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}")
        }
    }
}
