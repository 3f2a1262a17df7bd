import PolicyModel

/// `lint.service-principal-without-source` (security warning): a trust or resource-based policy
/// that allows an AWS service principal without `aws:SourceArn`, `aws:SourceAccount`,
/// `aws:SourceOrgID` or `aws:SourceOrgPaths`, so the service could be made to act for anyone's
/// resource (the confused deputy; Access Analyzer "Restrict access to service principal").
struct ServicePrincipalWithoutSourceRule: LintRule {
    let codes = ["lint.service-principal-without-source"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .trust || context.type == .resource else { return [] }
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            guard statement.effect == .allow, let principal = statement.principal, !principal.isNot,
                  !statement.limitsServicePrincipalsToSource else { continue }
            for entry in principal.entries where entry.kind == .service {
                diagnostics.append(context.diagnostic(
                    .securityWarning, "lint.service-principal-without-source",
                    "the service principal `\(entry.value)` is trusted without an `aws:SourceArn` or `aws:SourceAccount` condition",
                    at: entry.position,
                    help: "add a condition such as `\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}` so the service acts only for your resources"))
            }
        }
        return diagnostics
    }
}
