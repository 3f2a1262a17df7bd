import PolicyModel

/// `lint.action-needs-wildcard-resource` (warning): an action that takes no resource (such as
/// `s3:ListAllMyBuckets`) in a statement whose `Resource` lists only specific ARNs. IAM matches such
/// actions against `*`, so the statement never grants (or denies) them.
struct WildcardOnlyActionRule: LintRule {
    let codes = ["lint.action-needs-wildcard-resource"]

    private static let star = SplitARN("*")

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (statement, actions) in context.statements {
            guard !statement.action.isNot, let resource = statement.resource, !resource.isNot,
                  resource.patterns.allSatisfy({ !$0.text.contains("${") && $0.compiled?.matches(Self.star) == false })
            else { continue }
            let verb = statement.effect == .allow ? "grants" : "denies"
            for action in actions {
                guard let info = action.info, info.isWildcardOnly else { continue }
                diagnostics.append(context.diagnostic(
                    .warning, "lint.action-needs-wildcard-resource",
                    "`\(action.pattern.text)` takes no resource, so this statement never \(verb) it: `\(resource.elementName)` has no `*`",
                    at: action.pattern.position, help: "move the action to a statement with `\"Resource\": \"*\"`"))
            }
        }
        return diagnostics
    }
}
