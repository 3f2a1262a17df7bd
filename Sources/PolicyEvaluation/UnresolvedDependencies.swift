import PolicyModel

/// A statement whose match depends on a value nobody knows yet: a template's unresolved
/// intrinsic or symbolic account, written as a `⟦…⟧` token. If it might apply, and applying
/// would change the decision, the decision is unknown, never guessed.
package struct UnresolvedDependency: Sendable, Hashable {
    package var statement: StatementRef
    package var detail: String

    package init(statement: StatementRef, detail: String) {
        self.statement = statement
        self.detail = detail
    }
}

extension Authorizer {
    /// The statements that could flip `result` once symbolic values are known: Deny statements
    /// for an Allow, Allow statements for an implicit deny. Empty when nothing is symbolic.
    package func unresolvedDependencies(
        _ request: AuthorizationRequest, policies: PolicySet, result: AuthorizationResult
    ) -> [UnresolvedDependency] {
        let prepared = PreparedRequest(request, hasPermissionsBoundary: policies.permissionsBoundary != nil)
        let effect: Effect
        switch result.decision {
        case .allow: effect = .deny
        case .implicitDeny: effect = .allow
        case .explicitDeny: return Self.symbolicDenies(result, policies: policies, request: prepared)
        }
        let all = effect == .deny ? Self.allPolicies(policies) : Self.policies(of: result.deniedBy, in: policies)
        let decided = Set(result.matched.map { "\($0.policy)#\($0.index)" })
        var dependencies: [UnresolvedDependency] = []
        for policy in all {
            for statement in policy.document.statements where statement.effect == effect && !decided.contains("\(policy.id)#\(statement.index)") {
                guard let detail = SymbolicMatch.possibleMatch(statement, variablesEnabled: policy.document.variablesEnabled, request: prepared) else {
                    continue
                }
                let ref = StatementRef(policy: policy.id, index: statement.index, sid: statement.sid, effect: statement.effect, position: statement.position)
                dependencies.append(UnresolvedDependency(statement: ref, detail: detail))
            }
        }
        return dependencies
    }
}

extension Authorizer {
    /// Deny statements that matched only because a negated test (`StringNotEquals`, `…IfExists`,
    /// `Null`, `NotResource`) compared a symbolic value: with the real value they might not.
    static func symbolicDenies(_ result: AuthorizationResult, policies: PolicySet, request: PreparedRequest) -> [UnresolvedDependency] {
        let byId = Dictionary(allPolicies(policies).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var dependencies: [UnresolvedDependency] = []
        for ref in result.matched {
            guard let policy = byId[ref.policy], policy.document.statements.indices.contains(ref.index) else { continue }
            let statement = policy.document.statements[ref.index]
            var reasons: [String] = []
            if let resource = statement.resource, resource.isNot, SymbolicMatch.isSymbolic(request.resource.text) {
                reasons.append("`NotResource` against `\(request.resource.text)`")
            }
            for clause in statement.conditions where clause.operator.base.isNegated || clause.operator.ifExists || clause.operator.base == .null {
                let values = request.context.value(lowercasedKey: clause.lookupKey)?.values ?? []
                if values.contains(where: SymbolicMatch.isSymbolic) || clause.values.contains(where: { SymbolicMatch.isSymbolic($0.text) }) {
                    reasons.append("`\(clause.operator.spelling)` on `\(clause.key)`")
                }
            }
            if !reasons.isEmpty { dependencies.append(UnresolvedDependency(statement: ref, detail: reasons.joined(separator: "; "))) }
        }
        return dependencies
    }

    static func allPolicies(_ policies: PolicySet) -> [NamedPolicy] {
        var all = policies.identity + (policies.permissionsBoundary ?? []) + (policies.vpcEndpoint ?? [])
        if let session = policies.session { all.append(session) }
        if let resource = policies.resource { all.append(resource) }
        return all + (policies.serviceControlPolicies + policies.resourceControlPolicies).flatMap(\.policies)
    }

    /// The policies of the layer that refused (`AuthorizationResult.deniedBy`): only their Allow
    /// statements could turn an implicit deny into an Allow.
    static func policies(of layer: String?, in policies: PolicySet) -> [NamedPolicy] {
        guard let layer else { return [] }
        func level(_ levels: [PolicyLevel], _ prefix: String) -> [NamedPolicy] {
            guard layer.hasPrefix(prefix + "["), let index = Int(layer.dropFirst(prefix.count + 1).dropLast()),
                  levels.indices.contains(index) else { return [] }
            return levels[index].policies
        }
        switch layer {
        case "identity": return policies.identity + (policies.resource.map { [$0] } ?? [])
        case "permissionBoundary": return policies.permissionsBoundary ?? []
        case "session": return policies.session.map { [$0] } ?? []
        case "resource": return policies.resource.map { [$0] } ?? []
        case "vpcEndpoint": return policies.vpcEndpoint ?? []
        default: return level(policies.serviceControlPolicies, "scp") + level(policies.resourceControlPolicies, "rcp")
        }
    }
}

/// "Could this statement apply if the symbolic parts were something else?"
enum SymbolicMatch {
    static func isSymbolic(_ text: String) -> Bool { SymbolToken.containsToken(text) }

    /// A description of the symbolic comparison when the statement might apply; nil when it
    /// certainly applies or certainly does not.
    static func possibleMatch(_ statement: Statement, variablesEnabled: Bool, request: PreparedRequest) -> String? {
        guard statement.covers(request.action) else { return nil }
        var symbolic: [String] = []
        if !statement.covers(request.resource, resolve: request.variable) {
            guard let resource = statement.resource, !resource.isNot,
                  let pattern = resource.patterns.first(where: { possiblyMatches($0.text, request.resource.text) }) else { return nil }
            symbolic.append("`Resource` `\(pattern.text)` against `\(request.resource.text)`")
        }
        if let principal = statement.principal, PrincipalMatcher.match(principal, effect: statement.effect, request: request) == nil {
            let requestPrincipal = request.principal.description
            guard !principal.isNot,
                  principal.entries.contains(where: { (isSymbolic($0.value) || isSymbolic(requestPrincipal)) && !namesDistinctResources($0.value, requestPrincipal) })
            else { return nil }
            symbolic.append("`Principal` against `\(requestPrincipal)`")
        }
        for clause in statement.conditions where !ConditionEvaluator.holds(clause, request: request, variablesEnabled: variablesEnabled) {
            let requestValues = request.context.value(lowercasedKey: clause.lookupKey)?.values ?? []
            guard requestValues.contains(where: isSymbolic) || clause.values.contains(where: { isSymbolic($0.text) }) else { return nil }
            symbolic.append("`\(clause.operator.spelling)` on `\(clause.key)`")
        }
        return symbolic.isEmpty ? nil : symbolic.joined(separator: "; ")
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
