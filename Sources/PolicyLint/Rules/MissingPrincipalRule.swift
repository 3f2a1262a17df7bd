import PolicyModel

/// `lint.missing-principal` (error): a statement of a resource-based, trust, VPC endpoint or
/// resource control policy that does not say whom it applies to.
struct MissingPrincipalRule: LintRule {
    let codes = ["lint.missing-principal"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type.requiresPrincipal else { return [] }
        return context.document.statements.compactMap { statement in
            guard statement.principal == nil else { return nil }
            return context.diagnostic(
                .error, "lint.missing-principal",
                "\(context.name(of: statement)) has no `Principal`, which \(context.type.displayName) requires",
                at: statement.position)
        }
    }
}
