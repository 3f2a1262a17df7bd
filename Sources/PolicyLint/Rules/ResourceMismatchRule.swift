import PolicyModel
import ServiceCatalog

/// `lint.resource-mismatch` (error): no action of the statement can act on any listed resource, so
/// the statement grants (or denies) nothing — e.g. `s3:GetObject` on the bucket ARN
/// `arn:aws:s3:::bucket` when it needs an object ARN.
///
/// Deliberately conservative, as false positives here (parliament's `RESOURCE_MISMATCH`) teach users
/// to ignore the linter: it runs only when every action is an exact, known name that takes resources
/// and every entry is a complete ARN without policy variables. `*` and partial wildcards count as
/// matching whenever some resource of a listed type could match them.
struct ResourceMismatchRule: LintRule {
    let codes = ["lint.resource-mismatch"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (statement, resolved) in context.statements {
            guard let resource = statement.resource, !resource.isNot,
                  let actions = context.exactActions(resolved, of: statement),
                  !actions.contains(where: \.isWildcardOnly) else { continue }
            var arns: [String] = []
            for pattern in resource.patterns {
                let arn = ARNText(pattern.text)
                guard !pattern.text.contains("${"), arn.hasARNPrefix, arn.isComplete else { break }
                arns.append(arn.normalized)
            }
            guard arns.count == resource.patterns.count else { continue }
            let anyMatch = actions.contains { action in
                action.resourceTypes.contains { row in
                    row.arnTemplate.isEmpty || arns.contains { row.resourceType.matches(pattern: $0) }
                }
            }
            guard !anyMatch else { continue }
            diagnostics.append(context.diagnostic(
                .error, "lint.resource-mismatch",
                actions.count == 1
                    ? "`\(actions[0].qualifiedName)` cannot act on any resource in `\(resource.elementName)`"
                    : "none of the statement's actions can act on any resource in `\(resource.elementName)`",
                at: resource.position, help: help(for: actions)))
        }
        return diagnostics
    }

    /// What each action (up to three) does act on.
    private func help(for actions: [ActionInfo]) -> String {
        let described = actions.prefix(3).map { action in
            let types = action.resourceTypes.prefix(3).map { "`\($0.name)` (`\($0.arnTemplate)`)" }
            return "`\(action.qualifiedName)` acts on " + types.joined(separator: " or ")
        }
        return described.joined(separator: "; ")
    }
}
