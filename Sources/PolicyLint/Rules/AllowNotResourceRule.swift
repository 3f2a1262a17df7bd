import PolicyModel

/// `lint.allow-not-resource` (security warning): `Allow` + `NotResource` grants the actions on every
/// resource except those listed, including resources created later and in other accounts.
struct AllowNotResourceRule: LintRule {
    let codes = ["lint.allow-not-resource"]

    func check(_ context: LintContext) -> [Diagnostic] {
        context.document.statements.compactMap { statement in
            guard statement.effect == .allow, let resource = statement.resource, resource.isNot else { return nil }
            return context.diagnostic(
                .securityWarning, "lint.allow-not-resource",
                "`Allow` with `NotResource` grants the actions on every resource except those listed",
                at: resource.position, help: "list the resources to allow in `Resource`, or use `NotResource` only with `Deny`")
        }
    }
}
