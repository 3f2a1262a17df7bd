import PolicyModel

/// `lint.pass-role-without-passed-to-service` (security warning): an identity-based policy that
/// allows `iam:PassRole` (directly or through `iam:*`, `*`, ...) on every role — `Resource: "*"` or
/// `NotResource` — without an `iam:PassedToService` condition, so the holder can hand any role,
/// however powerful, to any service.
struct PassRoleWithoutPassedToServiceRule: LintRule {
    let codes = ["lint.pass-role-without-passed-to-service"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .identity else { return [] }
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            guard let entry = statement.passRoleOnEveryRole, !statement.limitsPassedToService else { continue }
            let what = entry.text.lowercased() == "iam:passrole" ? "`\(entry.text)` is allowed" : "`\(entry.text)` allows `iam:PassRole`"
            diagnostics.append(context.diagnostic(
                .securityWarning, "lint.pass-role-without-passed-to-service",
                "\(what) on every role without an `iam:PassedToService` condition",
                at: entry.position,
                help: "list the roles to pass in `Resource` and add a condition on `iam:PassedToService`"))
        }
        return diagnostics
    }
}
