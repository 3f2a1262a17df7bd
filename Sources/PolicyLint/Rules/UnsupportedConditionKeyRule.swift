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
struct UnsupportedConditionKeyRule: LintRule {
    let codes = ["lint.unsupported-condition-key"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (statement, resolved) in context.statements {
            guard !statement.conditions.isEmpty, let actions = context.exactActions(resolved, of: statement) else { continue }
            for clause in statement.conditions where isServiceKey(clause.key, context: context) {
                guard !actions.contains(where: { Self.action($0, supports: clause.key) }),
                      !isUnattached(clause.key, context: context) else { continue }
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

    private func isServiceKey(_ key: String, context: LintContext) -> Bool {
        guard let colon = key.firstIndex(of: ":") else { return false }
        let prefix = key[..<colon].lowercased()
        if prefix == "aws" || prefix.contains(".") || prefix.contains("/") || prefix == "saml" { return false }
        if let info = context.catalogue.conditionKey(key), info.isGlobal || info.isIdentityProviderKey { return false }
        return true
    }

    static func action(_ action: ActionInfo, supports key: String) -> Bool {
        let family = Self.family(of: key)
        return action.allConditionKeys.contains { name in
            ConditionKeyName.key(key, isInstanceOf: name) || (family != nil && Self.family(of: name) == family)
        }
    }

    /// `service:Name/` for tag-style keys (`s3:ExistingObjectTag/env`), lower-cased; nil otherwise.
    private static func family(of key: String) -> String? {
        guard let slash = key.firstIndex(of: "/") else { return nil }
        return key[...slash].lowercased()
    }

    /// A key the catalogue knows that no action of its service lists.
    private func isUnattached(_ key: String, context: LintContext) -> Bool {
        guard context.catalogue.conditionKey(key) != nil, let colon = key.firstIndex(of: ":"),
              let service = context.catalogue.service(String(key[..<colon])) else { return false }
        return !service.actions.contains { Self.action($0, supports: key) }
    }
}
