import PolicyModel

/// The three-valued match of one statement: it applies, it does not, or it depends on a value
/// nobody knows yet (cedar's residual).
enum StatementMatch {
    case no
    case yes(PrincipalMatch)
    /// `form` is how the statement would name the caller if it applied.
    case undetermined(PrincipalMatch, comparisons: [String], unknownKeys: [String])
}

/// Matching with unknown values: symbolic `⟦…⟧` tokens from templates (the same token always
/// stands for the same value, different tokens may or may not be equal) and context keys marked
/// unknown. Used only when a policy or the request holds such a value; the evaluator's usual path
/// never comes here.
enum Unknowns {
    static func isSymbolic(_ text: String) -> Bool { SymbolToken.containsToken(text) }

    /// Whether any value of `document` holds a symbolic token.
    static func documentMentionsSymbols(_ document: PolicyDocument) -> Bool {
        document.statements.contains { statement in
            statement.action.patterns.contains { isSymbolic($0.text) }
                || (statement.resource?.patterns.contains { isSymbolic($0.text) } ?? false)
                || (statement.principal?.entries.contains { isSymbolic($0.value) } ?? false)
                || statement.conditions.contains { clause in clause.values.contains { isSymbolic($0.text) } }
        }
    }

    /// A policy whose statements are unknown stands for one Allow and one Deny that may or may not
    /// apply: settling them as `LayerScan.Reading` says gives every decision its real statements
    /// could give. The Allow names the caller directly, the strongest form, for the same reason.
    static func unknownPolicyCandidates(_ policy: NamedPolicy, _ unknown: UnknownPolicyContent) -> [LayerScan.Candidate] {
        [Effect.allow, .deny].map { effect in
            LayerScan.Candidate(
                statement: StatementRef(policy: policy.id, index: 0, sid: nil, effect: effect, position: unknown.position),
                form: .direct, comparisons: [unknown.reason], unknownKeys: [], appliesLiterally: false, wholePolicy: true)
        }
    }

    /// Notes on the comparisons that involve unknown values.
    private struct Notes {
        var comparisons: [String] = []
        var unknownKeys: [String] = []
    }

    /// The match of a statement whose action already matches. `literal` is the principal form
    /// when principal and conditions matched with unknown values read as text.
    static func classify(_ statement: Statement, variablesEnabled: Bool, request: PreparedRequest) -> StatementMatch {
        var notes = Notes()
        guard resourceMayMatch(statement, request: request, notes: &notes),
              let form = principalForm(statement, request: request, notes: &notes),
              conditionsMayHold(statement, variablesEnabled: variablesEnabled, request: request, notes: &notes)
        else { return .no }
        if notes.comparisons.isEmpty { return .yes(form) }
        return .undetermined(form, comparisons: notes.comparisons, unknownKeys: notes.unknownKeys)
    }

    /// Policy variables of `template` that read a context key marked unknown.
    private static func unknownVariables(_ template: PolicyVariableString, request: PreparedRequest) -> [String] {
        template.variableKeys.filter { request.context.isUnknown(lowercasedKey: $0.lowercased()) }
    }

    private static func resourceMayMatch(_ statement: Statement, request: PreparedRequest, notes: inout Notes) -> Bool {
        guard let element = statement.resource else { return true }
        let resource = request.resource
        let variables = element.patterns.flatMap { unknownVariables($0.template, request: request) }
        if !variables.isEmpty {
            notes.comparisons.append("`\(element.elementName)` reads " + variables.map { "`${\($0)}`" }.joined(separator: ", ") + ", whose value is unknown")
            notes.unknownKeys += variables
            return true
        }
        // A pattern with policy variables is compared as the request resolves it.
        let candidates = element.patterns.map { $0.template.resolvedText(resolve: request.variable) ?? $0.text }
        let possible = candidates.first { possiblyMatches($0, resource) }
        if statement.covers(request.splitResource, resolve: request.variable) {
            // `NotResource` excluded nothing as written, but an unknown value might be excluded.
            if element.isNot, let possible { notes.comparisons.append("`NotResource` `\(possible)` against `\(resource)`") }
            return true
        }
        // A literal match on equal tokens holds for every value, so a `NotResource` that
        // excluded the resource as written excludes it for certain.
        guard !element.isNot, let possible else { return false }
        notes.comparisons.append("`Resource` `\(possible)` against `\(resource)`")
        return true
    }

    private static func principalForm(_ statement: Statement, request: PreparedRequest, notes: inout Notes) -> PrincipalMatch? {
        guard let element = statement.principal else { return .direct }
        let caller = request.principal.description
        // An `AWS` entry names IAM principals, the others name services and identity providers:
        // an unknown value never turns one kind into the other.
        let possible = element.entries.filter { entry in
            (entry.kind == .aws ? request.principalAccount != nil : request.principalName != nil) && possiblyNames(entry.value, caller)
        }
        if let form = PrincipalMatcher.match(element, effect: statement.effect, request: request) {
            if element.isNot, let entry = possible.first { notes.comparisons.append("`NotPrincipal` `\(entry.value)` against `\(caller)`") }
            return form
        }
        guard !element.isNot, let entry = possible.first else { return nil }
        notes.comparisons.append("`Principal` `\(entry.value)` against `\(caller)`")
        return possible.map { PrincipalMatcher.possibleForm($0, request: request) }.max()
    }

    private static func conditionsMayHold(_ statement: Statement, variablesEnabled: Bool, request: PreparedRequest, notes: inout Notes) -> Bool {
        for clause in statement.conditions {
            let spelling = clause.operator.spelling
            if request.context.isUnknown(lowercasedKey: clause.lookupKey) {
                notes.comparisons.append("`\(spelling)` on `\(clause.key)`, whose value is unknown")
                notes.unknownKeys.append(clause.key)
                continue
            }
            let variables = clause.values.flatMap { unknownVariables($0.template, request: request) }
            if variablesEnabled, !variables.isEmpty {
                notes.comparisons.append("`\(spelling)` on `\(clause.key)` reads " + variables.map { "`${\($0)}`" }.joined(separator: ", ") + ", whose value is unknown")
                notes.unknownKeys += variables
                continue
            }
            let holds = ConditionEvaluator.holds(clause, request: request, variablesEnabled: variablesEnabled)
            let requestValues = request.context.value(lowercasedKey: clause.lookupKey)?.values ?? []
            // Presence alone decides `Null` and a missing key; neither depends on values.
            let symbolic = clause.operator.base != .null && !requestValues.isEmpty
                && (requestValues.contains(where: isSymbolic) || clause.values.contains { isSymbolic($0.text) })
            guard symbolic else {
                if holds { continue }
                return false
            }
            // A positive comparison that held on equal tokens holds for every value.
            if holds && !clause.operator.base.isNegated { continue }
            notes.comparisons.append("`\(spelling)` on `\(clause.key)`")
        }
        return true
    }

    /// Tokens that stand for resources of the same template (`⟦Ref.X⟧`, `⟦GetAtt.X.Attr⟧`).
    static func resourceTokens(_ text: String) -> Set<String> {
        Set(SymbolToken.referencedLogicalIds(in: text))
    }

    /// Two values that name different resources of one template differ: CloudFormation gives each
    /// resource its own generated name, so `⟦Ref.A⟧` never equals `⟦Ref.B⟧`.
    static func namesDistinctResources(_ lhs: String, _ rhs: String) -> Bool {
        let left = resourceTokens(lhs)
        let right = resourceTokens(rhs)
        return !left.isEmpty && !right.isEmpty && left.isDisjoint(with: right)
    }

    /// Whether a principal entry could name the caller once symbolic parts are known.
    static func possiblyNames(_ entry: String, _ caller: String) -> Bool {
        (isSymbolic(entry) || isSymbolic(caller)) && !namesDistinctResources(entry, caller)
    }

    /// Segment by segment, a part holding a token could be anything; the other parts must match.
    static func possiblyMatches(_ pattern: String, _ value: String) -> Bool {
        guard isSymbolic(pattern) || isSymbolic(value), !namesDistinctResources(pattern, value) else { return false }
        let patternParts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let valueParts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard patternParts.count == 6, valueParts.count == 6 else { return true }
        for index in 0..<6 {
            let patternPart = String(patternParts[index])
            let valuePart = String(valueParts[index])
            // The same token on both sides is the same value, so it compares as text; a token on
            // one side only could be anything.
            let patternTokens = Set(SymbolToken.tokens(in: patternPart))
            let valueTokens = Set(SymbolToken.tokens(in: valuePart))
            if patternTokens != valueTokens { continue }
            let glob = WildcardPattern(glob: index < 5 ? patternPart.asciiLowercased : patternPart)
            if !glob.matches(index < 5 ? valuePart.asciiLowercased : valuePart) { return false }
        }
        return true
    }
}
