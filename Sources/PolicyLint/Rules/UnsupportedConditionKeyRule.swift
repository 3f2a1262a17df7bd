import PolicyModel
import ServiceCatalog

/// `lint.unsupported-condition-key` (warning): a service-specific condition key that none of the
/// statement's actions supports, so it is never in those requests: an `Allow` conditioned on it
/// never grants, a `Deny` never denies (or always does, with a negated operator).
///
/// Conservative, because the catalogue's per-action key lists have gaps (checked against the AWS
/// managed policies): it runs only when every action is an exact, known name; leaves global `aws:`
/// and identity-provider keys alone; compares tag-style keys by family (`secretsmanager:ResourceTag/…`
/// against the catalogue's `secretsmanager:ResourceTag/tag-key`); and skips keys the catalogue
/// defines but attaches to no action of their service, which apply service-wide or come with the
/// caller's credentials (`ec2:SourceInstanceARN`, `lambda:SourceFunctionArn`).
///
/// The keys a statement's actions support are gathered once per statement (`SupportedKeys`), and
/// a service's once per lint, so the cost is linear in actions plus clauses, not their product.
struct UnsupportedConditionKeyRule: LintRule {
    let codes = ["lint.unsupported-condition-key"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var serviceKeys: [String: SupportedKeys] = [:]
        for (statement, resolved) in context.statements {
            guard !statement.conditions.isEmpty, let actions = context.exactActions(resolved, of: statement) else { continue }
            var supported: SupportedKeys?
            for clause in statement.conditions where isServiceKey(clause.key, context: context) {
                let statementKeys = supported ?? SupportedKeys(actions)
                supported = statementKeys
                guard !statementKeys.supports(clause.key),
                      !isUnattached(clause.key, context: context, serviceKeys: &serviceKeys) else { continue }
                let names = actions.prefix(3).map { "`\($0.qualifiedName)`" }.joined(separator: ", ") + (actions.count > 3 ? ", ..." : "")
                diagnostics.append(context.diagnostic(
                    .warning, "lint.unsupported-condition-key",
                    actions.count == 1
                        ? "`\(actions[0].qualifiedName)` does not support the condition key `\(clause.key)`"
                        : "none of the statement's actions (\(names)) supports the condition key `\(clause.key)`",
                    at: clause.position,
                    help: "the key is never in these requests; check the actions' condition keys in the Service Authorization Reference"))
            }
        }
        return diagnostics
    }

    func isServiceKey(_ key: String, context: LintContext) -> Bool {
        guard let colon = key.firstIndex(of: ":") else { return false }
        let prefix = key[..<colon].lowercased()
        if prefix == "aws" || prefix.contains(".") || prefix.contains("/") || prefix == "saml" { return false }
        if let info = context.catalogue.conditionKey(key), info.isGlobal || info.isIdentityProviderKey { return false }
        return true
    }

    /// A key the catalogue knows that no action of its service lists.
    private func isUnattached(_ key: String, context: LintContext, serviceKeys: inout [String: SupportedKeys]) -> Bool {
        guard context.catalogue.conditionKey(key) != nil, let colon = key.firstIndex(of: ":"),
              let service = context.catalogue.service(String(key[..<colon])) else { return false }
        let keys = serviceKeys[service.prefix] ?? SupportedKeys(service.actions)
        serviceKeys[service.prefix] = keys
        return !keys.supports(key)
    }

    /// The condition keys some of a set of actions supports: a key is supported when it is one of
    /// their names (case-insensitively), an instance of a templated name (`s3:ExistingObjectTag/<key>`),
    /// or of the same tag-style family (`secretsmanager:ResourceTag/…` for
    /// `secretsmanager:ResourceTag/tag-key`).
    struct SupportedKeys {
        private var names: Set<String> = []
        private var families: Set<String> = []
        private var templates: [ConditionKeyTemplate] = []

        init(_ actions: some Sequence<ActionInfo>) {
            var seenActions: Set<String> = []
            var seenNames: Set<String> = []
            for action in actions where seenActions.insert(action.qualifiedName).inserted {
                for name in action.allConditionKeys where seenNames.insert(name).inserted {
                    names.insert(name.lowercased())
                    if let family = UnsupportedConditionKeyRule.family(of: name) { families.insert(family) }
                    if let template = ConditionKeyTemplate(name) { templates.append(template) }
                }
            }
        }

        func supports(_ key: String) -> Bool {
            if names.contains(key.lowercased()) { return true }
            if let family = UnsupportedConditionKeyRule.family(of: key), families.contains(family) { return true }
            return templates.contains { $0.matches(key) }
        }
    }

    /// `service:Name/` for tag-style keys (`s3:ExistingObjectTag/env`), lower-cased; nil otherwise.
    static func family(of key: String) -> String? {
        guard let slash = key.firstIndex(of: "/") else { return nil }
        return key[...slash].lowercased()
    }
}
