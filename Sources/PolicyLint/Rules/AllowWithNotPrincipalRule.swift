import PolicyModel

/// `lint.allow-with-not-principal` (security warning): `Allow` with `NotPrincipal` grants access to
/// everyone not listed, anonymous callers included.
struct AllowWithNotPrincipalRule: LintRule {
    let codes = ["lint.allow-with-not-principal"]

    func check(_ context: LintContext) -> [Diagnostic] {
        context.document.statements.compactMap { statement in
            guard statement.effect == .allow, let principal = statement.principal, principal.isNot else { return nil }
            return context.diagnostic(
                .securityWarning, "lint.allow-with-not-principal",
                "`Allow` with `NotPrincipal` grants access to every principal not listed, including anonymous callers",
                at: principal.position, help: "name the principals to allow in `Principal` instead")
        }
    }
}
