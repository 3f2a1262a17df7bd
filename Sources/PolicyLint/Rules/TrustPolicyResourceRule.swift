import PolicyModel

/// `lint.trust-policy-resource` (error): `Resource`/`NotResource` in a role trust policy, whose
/// resource is always the role itself.
struct TrustPolicyResourceRule: LintRule {
    let codes = ["lint.trust-policy-resource"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .trust else { return [] }
        return context.document.statements.compactMap { statement in
            guard let resource = statement.resource else { return nil }
            return context.diagnostic(
                .error, "lint.trust-policy-resource",
                "`\(resource.elementName)` is not allowed in a role trust policy",
                at: resource.position, help: "a trust policy's resource is the role it is attached to; remove the element")
        }
    }
}
