import PolicyModel

/// `lint.allow-not-action-all-resources` (security warning): `Allow` + `NotAction` + `Resource: "*"`
/// grants every action of every service except those listed, including ones AWS adds later.
struct AllowNotActionOnAllResourcesRule: LintRule {
    let codes = ["lint.allow-not-action-all-resources"]

    func check(_ context: LintContext) -> [Diagnostic] {
        context.document.statements.compactMap { statement in
            guard statement.effect == .allow, statement.action.isNot,
                  let resource = statement.resource, !resource.isNot,
                  resource.patterns.contains(where: { $0.compiled?.matchesEverything == true }) else { return nil }
            return context.diagnostic(
                .securityWarning, "lint.allow-not-action-all-resources",
                "`Allow` with `NotAction` on `Resource` `*` grants every action of every service except those listed",
                at: statement.action.position, help: "list the actions to allow in `Action`, or use `NotAction` only with `Deny`")
        }
    }
}
