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
///
/// Each distinct resource type is compared with each distinct entry at most once, entries whose
/// service part differs from the type's are skipped unread, and the comparisons stay within
/// `ComparisonBudget`: when it runs out, or an entry with wildcards is longer than
/// `WildcardPattern.maximumComparedLength`, the entry counts as matching and the rule stays silent.
struct ResourceMismatchRule: LintRule {
    let codes = ["lint.resource-mismatch"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (statement, resolved) in context.statements {
            guard let resource = statement.resource, !resource.isNot,
                  let actions = context.exactActions(resolved, of: statement),
                  !actions.contains(where: \.isWildcardOnly) else { continue }
            var arns: [ARNText] = []
            for pattern in resource.patterns {
                let arn = ARNText(pattern.text)
                guard !pattern.text.contains("${"), arn.hasARNPrefix, arn.isComplete else { break }
                arns.append(arn)
            }
            guard arns.count == resource.patterns.count else { continue }
            let rows = actions.flatMap(\.resourceTypes)
            if rows.contains(where: \.arnTemplate.isEmpty) { continue }
            var budget = ComparisonBudget.forEntries(resource.patterns.map(\.text))
            guard !Self.anyMatch(types: rows.map(\.resourceType), arns: arns, budget: &budget) else { continue }
            diagnostics.append(context.diagnostic(
                .error, "lint.resource-mismatch",
                actions.count == 1
                    ? "`\(actions[0].qualifiedName)` cannot act on any resource in `\(resource.elementName)`"
                    : "none of the statement's actions can act on any resource in `\(resource.elementName)`",
                at: resource.position, help: help(for: actions)))
        }
        return diagnostics
    }

    /// Whether some entry could name a resource of some type; true when that cannot be settled
    /// within the budget.
    static func anyMatch(types: [ResourceTypeInfo], arns: [ARNText], budget: inout Int) -> Bool {
        var seenTypes: Set<ResourceTypeInfo> = []
        // Each template with its service part when that is literal (`s3`; nil for a placeholder).
        let templates = types.filter { seenTypes.insert($0).inserted }.flatMap { type in
            zip(type.arnTemplates, type.templateLanguages).map { template, language in
                let service = ARNText(template).service
                return (service: service.flatMap { $0.contains("$") || $0.contains("*") ? nil : $0 }, language: language)
            }
        }
        var seenARNs: Set<String> = []
        for arn in arns {
            let text = arn.normalized
            guard seenARNs.insert(text).inserted else { continue }
            let isLiteral = !text.contains("*") && !text.contains("?")
            guard isLiteral || text.utf8.count <= WildcardPattern.maximumComparedLength else { return true }
            // With a literal partition and service, a matching ARN has exactly that service.
            let literalService = arn.parts.count > 2 && !arn.parts.prefix(3).contains { $0.contains("*") || $0.contains("?") }
            let fixedService = literalService ? arn.service?.lowercased() : nil
            let entry = isLiteral ? nil : ResourceTypeInfo.entryLanguage(text)
            let length = entry?.steps.count ?? text.unicodeScalars.count
            for template in templates {
                if let fixedService, let service = template.service, service != fixedService { continue }
                budget -= length * (template.language.steps.count + 1)
                guard budget >= 0 else { return true }
                if entry.map({ $0.intersects(template.language) }) ?? template.language.matches(text) { return true }
            }
        }
        return false
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
