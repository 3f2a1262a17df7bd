import PolicyModel

/// Decides whether one statement applies to a request, and explains why not. Pure: it knows
/// nothing about how layers combine (that is `Authorizer`).
enum StatementMatcher {
    /// Whether a statement whose action and resource already match applies: its principal element
    /// (how it names the caller) and its conditions. The caller checks action and resource first,
    /// in the statement's own module, because most statements fail there.
    static func principalAndConditionsMatch(_ statement: Statement, variablesEnabled: Bool, request: PreparedRequest) -> PrincipalMatch? {
        var principalMatch = PrincipalMatch.direct
        if let principal = statement.principal {
            guard let match = PrincipalMatcher.match(principal, effect: statement.effect, request: request) else { return nil }
            principalMatch = match
        }
        guard ConditionEvaluator.allHold(statement.conditions, request: request, variablesEnabled: variablesEnabled) else {
            return nil
        }
        return principalMatch
    }

    static func actionMatches(_ element: ActionElement, request: PreparedRequest) -> Bool {
        element.covers(request.requestAction)
    }

    /// At most five entries, then how many more: explanations stay one readable line even for
    /// statements listing hundreds of actions.
    static func abbreviated(_ entries: [String]) -> String {
        let shown = entries.prefix(5).map { "`\($0)`" }.joined(separator: ", ")
        return entries.count > 5 ? "\(shown) and \(entries.count - 5) more" : shown
    }

    /// Every reason the statement does not apply (empty when it does).
    static func mismatches(_ statement: Statement, document: PolicyDocument, request: PreparedRequest) -> [Mismatch] {
        var result: [Mismatch] = []
        let action = statement.action
        if !actionMatches(action, request: request) {
            let listed = Self.abbreviated(action.patterns.map(\.text))
            result.append(Mismatch(
                element: .action,
                detail: action.isNot
                    ? "`NotAction` excludes `\(request.actionText)` (\(listed))"
                    : "`Action` \(listed) does not match `\(request.actionText)`",
                position: action.position))
        }
        if let resource = statement.resource, !statement.covers(request.splitResource, resolve: request.variable) {
            let listed = Self.abbreviated(resource.patterns.map(\.text))
            let unresolved = resource.patterns.flatMap { pattern in
                pattern.template.variableKeys.filter { request.variable($0.lowercased()) == nil }
            }
            var detail = resource.isNot
                ? "`NotResource` excludes `\(request.resource)` (\(listed))"
                : "`Resource` \(listed) does not match `\(request.resource)`"
            if request.wildcardOnlyAction && !resource.isNot {
                detail += "; `\(request.actionText)` takes no resource, so only `*` covers it"
            }
            if !unresolved.isEmpty {
                detail += "; policy variable " + unresolved.map { "`${\($0)}`" }.joined(separator: ", ") + " has no value in the request"
            }
            result.append(Mismatch(element: .resource, detail: detail, position: resource.position))
        }
        if let principal = statement.principal,
           PrincipalMatcher.match(principal, effect: statement.effect, request: request) == nil {
            result.append(Mismatch(
                element: .principal,
                detail: "`\(principal.elementName)` does not name `\(request.principal)`",
                position: principal.position))
        }
        for clause in statement.conditions {
            if let mismatch = ConditionEvaluator.mismatch(clause, request: request, variablesEnabled: document.variablesEnabled) {
                result.append(mismatch)
            }
        }
        return result
    }
}
