import PolicyModel

/// `lint.public-principal-without-condition` (security warning): a resource-based or trust policy
/// that allows `"Principal": "*"` or `{"AWS": "*"}` with no condition, i.e. anyone in any account
/// (and, for `"*"` in resource policies, anonymous callers).
struct PublicPrincipalWithoutConditionRule: LintRule {
    let codes = ["lint.public-principal-without-condition"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .resource || context.type == .trust else { return [] }
        return context.document.statements.compactMap { statement in
            guard statement.effect == .allow, statement.conditions.isEmpty,
                  let principal = statement.principal, !principal.isNot else { return nil }
            let position: SourcePosition
            if principal.isEveryone {
                position = principal.position
            } else if let entry = principal.entries.first(where: { $0.kind == .aws && $0.value == "*" }) {
                position = entry.position
            } else {
                return nil
            }
            return context.diagnostic(
                .securityWarning, "lint.public-principal-without-condition",
                "`Principal` `*` with no condition allows anyone, in any account",
                at: position,
                help: "name the principals, or add a condition such as `aws:PrincipalOrgID`, `aws:PrincipalAccount` or `aws:SourceVpce`")
        }
    }
}
