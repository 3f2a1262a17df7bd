/// The `Version` element. Only `2012-10-17` enables policy variables.
package enum PolicyVersion: String, Sendable, Hashable {
    case v2012_10_17 = "2012-10-17"
    case v2008_10_17 = "2008-10-17"
}

package enum Effect: String, Sendable, Hashable {
    case allow = "Allow"
    case deny = "Deny"
}

/// A parsed IAM policy document. Positions point into the text it was read from.
package struct PolicyDocument: Sendable, Hashable {
    /// nil when the document has no `Version` element.
    package var version: PolicyVersion?
    package var id: String?
    package var statements: [Statement]
    /// True when `Statement` was written as a list (false for a single object).
    package var statementIsList: Bool
    package var position: SourcePosition

    package init(
        version: PolicyVersion?, id: String? = nil, statements: [Statement],
        statementIsList: Bool = true, position: SourcePosition = .unknown
    ) {
        self.version = version
        self.id = id
        self.statements = statements
        self.statementIsList = statementIsList
        self.position = position
    }

    package var variablesEnabled: Bool { version == .v2012_10_17 }
}

/// One statement. `index` is its 0-based place in the document, used to name it in explanations.
/// Immutable and shared by reference: the evaluator's inner loop reads statements millions of
/// times a second, and copying a struct of this size would retain each of its fields every time.
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

    package init(
        index: Int, sid: String? = nil, effect: Effect, principal: PrincipalElement? = nil,
        action: ActionElement, resource: ResourceElement?, conditions: [ConditionClause] = [],
        position: SourcePosition = .unknown
    ) {
        self.index = index
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
        self.position = position
    }

    package static func == (lhs: Statement, rhs: Statement) -> Bool {
        lhs === rhs || (lhs.index == rhs.index && lhs.sid == rhs.sid && lhs.effect == rhs.effect && lhs.principal == rhs.principal
            && lhs.action == rhs.action && lhs.resource == rhs.resource && lhs.conditions == rhs.conditions && lhs.position == rhs.position)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(sid)
        hasher.combine(effect)
        hasher.combine(action)
        hasher.combine(resource)
    }
}

/// `Action` or `NotAction`.
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
}

/// One action entry such as `es:ESHttp*`. Matching is case-insensitive, so the glob is compiled
/// over the lower-cased text.
package struct ActionPattern: Sendable, Hashable {
    package var text: String
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
}

/// `Resource` or `NotResource`.
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
}

/// One resource entry. May hold policy variables, resolved per request.
package struct ResourcePattern: Sendable, Hashable {
    package var template: TemplateString
    package var position: SourcePosition
    /// Compiled once when the entry has no variables (the common case).
    package let compiled: ARNPattern?

    package init(_ text: String, variablesEnabled: Bool, position: SourcePosition = .unknown) {
        self.template = TemplateString(text, variablesEnabled: variablesEnabled)
        self.position = position
        self.compiled = template.hasVariables ? nil : ARNPattern(template: template, resolve: { _ in nil })
    }

    package var text: String { template.raw }
}
