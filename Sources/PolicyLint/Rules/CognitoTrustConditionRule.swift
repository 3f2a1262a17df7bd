import PolicyModel

/// A role trust policy that trusts the Amazon Cognito identity pool principal
/// (`cognito-identity.amazonaws.com`) without:
/// - `lint.cognito-trust-missing-aud` (security warning): an `aud` condition, so identities of any
///   identity pool, in any account, can assume the role;
/// - `lint.cognito-trust-missing-amr` (security warning): an `amr` condition, so guest
///   (unauthenticated) identities can assume it as well as signed-in ones.
struct CognitoTrustConditionRule: LintRule {
    let codes = ["lint.cognito-trust-missing-aud", "lint.cognito-trust-missing-amr"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .trust else { return [] }
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            guard statement.effect == .allow, let principal = statement.principal, !principal.isNot else { continue }
            let keys = Set(statement.conditions.map(\.lookupKey))
            for entry in principal.entries where entry.kind == .federated && entry.value.lowercased() == "cognito-identity.amazonaws.com" {
                if !keys.contains("cognito-identity.amazonaws.com:aud") {
                    diagnostics.append(context.diagnostic(
                        .securityWarning, "lint.cognito-trust-missing-aud",
                        "the trust in `cognito-identity.amazonaws.com` has no `cognito-identity.amazonaws.com:aud` condition, so identities of any identity pool can assume the role",
                        at: entry.position,
                        help: "add `\"StringEquals\": {\"cognito-identity.amazonaws.com:aud\": \"<region>:<identity-pool-id>\"}`"))
                }
                if !keys.contains("cognito-identity.amazonaws.com:amr") {
                    diagnostics.append(context.diagnostic(
                        .securityWarning, "lint.cognito-trust-missing-amr",
                        "the trust in `cognito-identity.amazonaws.com` has no `cognito-identity.amazonaws.com:amr` condition, so unauthenticated identities can assume the role",
                        at: entry.position,
                        help: "add `\"ForAnyValue:StringLike\": {\"cognito-identity.amazonaws.com:amr\": \"authenticated\"}`"))
                }
            }
        }
        return diagnostics
    }
}
