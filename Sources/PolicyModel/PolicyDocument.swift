/// The `Version` element. Only `2012-10-17` enables policy variables.
package enum PolicyVersion: String, Sendable, Hashable {
    case v2012_10_17 = "2012-10-17"
    case v2008_10_17 = "2008-10-17"
}

package enum Effect: String, Sendable, Hashable {
    case allow = "Allow"
    case deny = "Deny"
}

/// A parsed IAM policy document. Positions point into the text it was read from. Immutable and
/// shared by reference, like `Statement`, so policy sets copy cheaply on the evaluator's hot path.
/// Equality and hashing ignore positions, as on every model value (see `SourcePosition`).
package final class PolicyDocument: Sendable, Hashable {
    /// nil when the document has no `Version` element.
    package let version: PolicyVersion?
    package let id: String?
    package let statements: [Statement]
    /// True when `Statement` was written as a list (false for a single object).
    package let statementIsList: Bool
    package let position: SourcePosition
    /// Policy variables exist only under `2012-10-17`.
    package let variablesEnabled: Bool
    /// For each service prefix (hashed) the statements that can apply to its actions, in order;
    /// statements whose `Action` names no fixed service (`*`, `NotAction`) are in every list.
    /// Managed policies hold dozens of statements for other services, so the evaluator looks
    /// at a handful instead of all of them.
    private let serviceKeys: [UInt64]
    private let statementsByService: [[Statement]]
    private let statementsForAnyService: [Statement]

    package init(
        version: PolicyVersion?, id: String? = nil, statements: [Statement],
        statementIsList: Bool = true, position: SourcePosition = .unknown
    ) {
        self.version = version
        self.id = id
        self.statements = statements
        self.statementIsList = statementIsList
        self.position = position
        self.variablesEnabled = version == .v2012_10_17
        var byService: [UInt64: [Statement]] = [:]
        var anyService: [Statement] = []
        for statement in statements {
            if !statement.action.isNot, let services = statement.action.matcher.services {
                for service in services where byService[service] == nil { byService[service] = anyService }
                for service in services { byService[service]?.append(statement) }
            } else {
                anyService.append(statement)
                for service in byService.keys { byService[service]?.append(statement) }
            }
        }
        // A policy names few services: a linear scan of their hashes beats a hashed lookup.
        let keys = byService.keys.sorted()
        self.serviceKeys = keys
        self.statementsByService = keys.map { byService[$0] ?? [] }
        self.statementsForAnyService = anyService
    }

    /// The statements that can apply to `action`, in document order.
    package func statements(for action: RequestAction) -> [Statement] {
        if let index = serviceKeys.firstIndex(of: action.serviceHash) { return statementsByService[index] }
        return statementsForAnyService
    }

    package static func == (lhs: PolicyDocument, rhs: PolicyDocument) -> Bool {
        lhs === rhs || (lhs.version == rhs.version && lhs.id == rhs.id && lhs.statements == rhs.statements)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(version)
        hasher.combine(id)
        hasher.combine(statements)
    }
}

/// One statement. `index` is its 0-based place in the document, used to name it in explanations.
/// Immutable and shared by reference: the evaluator's inner loop reads statements millions of
/// times a second, and copying a struct of this size would retain each of its fields every time.
/// Equality and hashing ignore `position` and `sidPosition` (the index is structure, not position).
package final class Statement: Sendable, Hashable {
    package let index: Int
    package let sid: String?
    package let effect: Effect
    package let principal: PrincipalElement?
    package let action: ActionElement
    /// nil in trust policies, which have no `Resource`: the statement covers the role itself.
    package let resource: ResourceElement?
    package let conditions: [ConditionClause]
    package let position: SourcePosition
    /// Where the `Sid` value is; the statement's position when it has none.
    package let sidPosition: SourcePosition
    /// Stored so hot loops need not copy the element to ask.
    package let hasPrincipal: Bool
    /// Whether the statement has `NotResource`, `NotPrincipal` or conditions: only then can a
    /// match hinge on an unknown value. Stored for the same reason as `hasPrincipal`.
    package let hasNegationsOrConditions: Bool

    package init(
        index: Int, sid: String? = nil, effect: Effect, principal: PrincipalElement? = nil,
        action: ActionElement, resource: ResourceElement?, conditions: [ConditionClause] = [],
        position: SourcePosition = .unknown, sidPosition: SourcePosition? = nil
    ) {
        self.sidPosition = sidPosition ?? position
        self.hasPrincipal = principal != nil
        self.hasNegationsOrConditions = resource?.isNot == true || principal?.isNot == true || !conditions.isEmpty
        self.index = index
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
        self.position = position
    }

    /// Whether `Action`/`NotAction` covers the request's action. Here, in the statement's own
    /// module, the element is read in place rather than copied out through an accessor.
    package func covers(_ action: RequestAction) -> Bool {
        self.action.matcher.matches(action) != self.action.isNot
    }

    /// Whether `Resource`/`NotResource` covers the resource. A statement without the element (a
    /// trust policy) covers the resource it is attached to. An entry whose policy variable has no
    /// value (and no default) matches nothing.
    package func covers(_ resource: SplitARN, resolve: (String) -> String?) -> Bool {
        guard let element = self.resource else { return true }
        var any = false
        for pattern in element.patterns {
            if let compiled = pattern.compiled {
                if compiled.matches(resource) { any = true; break }
            } else if let resolved = ARNPattern(template: pattern.template, resolve: resolve), resolved.matches(resource) {
                any = true
                break
            }
        }
        return any != element.isNot
    }

    package static func == (lhs: Statement, rhs: Statement) -> Bool {
        lhs === rhs || (lhs.index == rhs.index && lhs.sid == rhs.sid && lhs.effect == rhs.effect && lhs.principal == rhs.principal
            && lhs.action == rhs.action && lhs.resource == rhs.resource && lhs.conditions == rhs.conditions)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(sid)
        hasher.combine(effect)
        hasher.combine(principal)
        hasher.combine(action)
        hasher.combine(resource)
        // Trust policies differ mostly here (their Action is `sts:AssumeRole`, they have no
        // Resource): left out, thousands of them hashed alike.
        hasher.combine(conditions)
    }
}

/// `Action` or `NotAction`. Equality and hashing ignore positions.
package struct ActionElement: Sendable, Hashable {
    package var isNot: Bool
    package let patterns: [ActionPattern]
    package var position: SourcePosition
    package let matcher: ActionSetMatcher

    package init(isNot: Bool, patterns: [ActionPattern], position: SourcePosition = .unknown) {
        self.isNot = isNot
        self.patterns = patterns
        self.position = position
        self.matcher = ActionSetMatcher(patterns)
    }

    /// True when the element covers the action (for `NotAction`: when it does not list it).
    package func covers(_ action: RequestAction) -> Bool {
        matcher.matches(action) != isNot
    }

    package var elementName: String { isNot ? "NotAction" : "Action" }

    package static func == (lhs: ActionElement, rhs: ActionElement) -> Bool {
        lhs.isNot == rhs.isNot && lhs.patterns == rhs.patterns
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(isNot)
        hasher.combine(patterns)
    }
}

/// One action entry such as `es:ESHttp*`. Matching is case-insensitive, so the glob is compiled
/// over the lower-cased text. Equality and hashing compare the text only.
package struct ActionPattern: Sendable, Hashable {
    /// Fixed at construction, like the `matcher` compiled from it.
    package let text: String
    package var position: SourcePosition
    package let matcher: WildcardPattern

    package init(_ text: String, position: SourcePosition = .unknown) {
        self.text = text
        self.position = position
        self.matcher = WildcardPattern(globBytes: text.utf8.lazy.map(\.asciiLowercased))
    }

    /// - Parameter lowercasedAction: the request's action, already lower-cased.
    package func matches(lowercasedAction: String) -> Bool {
        matcher.matches(lowercasedAction)
    }

    package static func == (lhs: ActionPattern, rhs: ActionPattern) -> Bool {
        lhs.text == rhs.text
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }
}

/// `Resource` or `NotResource`. Equality and hashing ignore positions.
package struct ResourceElement: Sendable, Hashable {
    package var isNot: Bool
    package var patterns: [ResourcePattern]
    package var position: SourcePosition

    package init(isNot: Bool, patterns: [ResourcePattern], position: SourcePosition = .unknown) {
        self.isNot = isNot
        self.patterns = patterns
        self.position = position
    }

    package var elementName: String { isNot ? "NotResource" : "Resource" }

    package static func == (lhs: ResourceElement, rhs: ResourceElement) -> Bool {
        lhs.isNot == rhs.isNot && lhs.patterns == rhs.patterns
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(isNot)
        hasher.combine(patterns)
    }
}

/// One resource entry. May hold policy variables, resolved per request. Equality and hashing
/// compare the template only.
package struct ResourcePattern: Sendable, Hashable {
    /// Fixed at construction, like the pattern compiled from it.
    package let template: PolicyVariableString
    package var position: SourcePosition
    /// Compiled once when the entry has no variables (the common case).
    package let compiled: ARNPattern?

    package init(_ text: String, variablesEnabled: Bool, position: SourcePosition = .unknown) {
        self.template = PolicyVariableString(text, variablesEnabled: variablesEnabled)
        self.position = position
        self.compiled = template.hasVariables ? nil : ARNPattern(template: template, resolve: { _ in nil })
    }

    package var text: String { template.raw }

    package static func == (lhs: ResourcePattern, rhs: ResourcePattern) -> Bool {
        lhs.template == rhs.template
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(template)
    }
}
