import PolicyModel

/// `lint.missing-version` (suggestion): a policy without `Version` is read with the 2008 grammar, in
/// which policy variables are literal text.
struct MissingVersionRule: LintRule {
    let codes = ["lint.missing-version"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.document.version == nil else { return [] }
        return [context.diagnostic(
            .suggestion, "lint.missing-version", "the policy has no `Version`, so IAM reads it as `2008-10-17`",
            at: context.document.position, help: "add `\"Version\": \"2012-10-17\"`")]
    }
}
