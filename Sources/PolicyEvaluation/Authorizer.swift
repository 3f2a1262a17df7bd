import PolicyModel

/// Decides requests the way AWS documents it ("Policy evaluation logic", "Cross-account policy
/// evaluation logic", "RCP evaluation"). It scans every policy layer once, keeping the statements
/// whose match depends on unknown values as residuals, lets `EvaluationFlow` combine the layers,
/// and when residuals exist asks the flow again with them settled both ways and with none of
/// them applying (`LayerScan.Reading`): if the answers differ, the decision is undetermined and
/// the result says which statements it hinges on.
package struct Authorizer: Sendable {
    package init() {}

    package func authorize(_ request: AuthorizationRequest, policies: PolicySet) -> AuthorizationResult {
        let prepared = PreparedRequest(request, hasPermissionsBoundary: policies.permissionsBoundary != nil)
        if let ruled = EvaluationFlow.decidedByServiceRule(prepared) {
            return AuthorizationResult(decision: ruled.decision, basis: ruled.basis, request: prepared.summary, deniedBy: ruled.deniedBy)
        }
        let scans = LayerScanner(request: prepared, policies: policies).scanAll()
        let crossAccount = prepared.isCrossAccount
        let literal = EvaluationFlow(request: prepared, policies: policies, scans: scans, crossAccount: crossAccount).decide()
        var result = literal.result(for: prepared)
        let crossAccountUndetermined = prepared.crossAccountIsUndetermined
        guard scans.hasResiduals || crossAccountUndetermined else { return result }

        var decisions: Set<Decision> = [literal.decision]
        for reading in [scans.settled(.mostRestrictive), scans.settled(.noneApply), scans.settled(.mostPermissive)] {
            for crossAccount in crossAccountUndetermined ? [true, false] : [crossAccount] {
                decisions.insert(EvaluationFlow(request: prepared, policies: policies, scans: reading, crossAccount: crossAccount).decide().decision)
            }
        }
        if decisions.count > 1 {
            var facts: [String] = []
            if crossAccountUndetermined, let caller = prepared.principalAccount, let owner = prepared.resourceAccount {
                facts.append("whether the caller's account `\(caller)` is the resource's account `\(owner)`")
            }
            result.undetermined = Undetermined(possibleDecisions: decisions.sorted(), residuals: scans.residuals, facts: facts)
        }
        return result
    }
}

/// Scans policies for the statements that apply to one request.
struct LayerScanner {
    let request: PreparedRequest
    let policies: PolicySet

    /// Identity policies, boundaries, session policies and SCPs exist only for IAM principals;
    /// the account root has no identity policies (it has full access in its own account).
    func scanAll() -> LayerScans {
        var scans = LayerScans()
        let hasIdentitySide = request.principalAccount != nil
        if hasIdentitySide && !request.principalIsRoot { scans.identity = scan(policies.identity) }
        if hasIdentitySide {
            scans.session = policies.session.map { scan([$0]) }
            scans.boundary = policies.permissionsBoundary.map { scan($0) }
        }
        // A domain access policy covers only the domain's subresources (the `ESHttp*` actions);
        // configuration API calls need identity-based policies ("Identity and Access Management
        // in Amazon OpenSearch Service"). Cross-cluster search is the exception.
        if request.resourcePolicyApplies, let resource = policies.resource {
            scans.resource = scan([resource], requiresPrincipal: true)
        }
        // SCPs do not affect service-linked roles ("Service control policies (SCPs)").
        if hasIdentitySide && !policies.serviceControlPolicies.isEmpty && !request.principalIsServiceLinkedRole {
            scans.serviceControlPolicies = policies.serviceControlPolicies.map { scan($0.policies) }
        }
        scans.resourceControlPolicies = policies.resourceControlPolicies.map { scan($0.policies) }
        scans.vpcEndpoint = policies.vpcEndpoint.map { scan($0) }
        return scans
    }

    /// - Parameter requiresPrincipal: true for resource-based policies, where a statement without
    ///   `Principal` names nobody (IAM rejects such a statement; it must never grant).
    func scan(_ policies: [NamedPolicy], requiresPrincipal: Bool = false) -> LayerScan {
        var result = LayerScan()
        for policy in policies { scan(policy, into: &result, requiresPrincipal: requiresPrincipal) }
        return result
    }

    private func scan(_ policy: NamedPolicy, into result: inout LayerScan, requiresPrincipal: Bool) {
        // Read once into locals: passing a class's struct properties to a call would copy (and
        // retain) them for every statement.
        let action = request.action
        let resource = request.resource
        let document = policy.document
        let variablesEnabled = document.variablesEnabled
        for statement in document.statements(for: action) {
            guard !requiresPrincipal || statement.hasPrincipal, statement.covers(action) else { continue }
            let literal = statement.covers(resource, resolve: request.variable)
                ? StatementMatcher.principalAndConditionsMatch(statement, variablesEnabled: variablesEnabled, request: request)
                : nil
            // Only a statement that failed, or that matched through a negation or a condition,
            // can hinge on an unknown value; and only when there is one.
            let mayHinge = literal == nil || statement.resource?.isNot == true || statement.principal?.isNot == true || !statement.conditions.isEmpty
            if mayHinge, policy.mentionsSymbols || request.hasUnknowns,
               case .undetermined(let form, let comparisons, let unknownKeys) = Unknowns.classify(statement, variablesEnabled: variablesEnabled, request: request) {
                result.residuals.append(LayerScan.Candidate(
                    statement: StatementRef(statement, in: policy), form: literal ?? form, comparisons: comparisons,
                    unknownKeys: unknownKeys, appliesLiterally: literal != nil))
            }
            guard let literal else { continue }
            let ref = StatementRef(statement, in: policy)
            switch statement.effect {
            case .deny:
                result.denies.append(ref)
            case .allow:
                result.allows.append(ref)
                result.allowForms.append(literal)
            }
        }
    }
}
