import PolicyModel

/// Decides requests the way AWS documents it ("Policy evaluation logic", "Cross-account policy
/// evaluation logic", "RCP evaluation"). It scans every policy layer once, keeping the statements
/// whose match depends on unknown values as residuals, lets `EvaluationFlow` combine the layers,
/// and when residuals exist asks the flow again with them settled both ways and with none of
/// them applying (`LayerScan.Reading`): if the answers differ, the decision is undetermined and
/// the result says which statements it hinges on.
package struct Authorizer: Sendable {
    /// Whether a request refused for certain has its nearest misses worked out (the statements
    /// that almost allowed it, for explanations). A caller that keeps only what is allowed or
    /// undetermined, such as the access graph, skips that search: most of its questions are
    /// refused.
    package let explainsRefusals: Bool

    package init(explainsRefusals: Bool = true) {
        self.explainsRefusals = explainsRefusals
    }

    package func authorize(_ request: AuthorizationRequest, policies: PolicySet) -> AuthorizationResult {
        let prepared = PreparedRequest(request, hasPermissionsBoundary: policies.permissionsBoundary != nil)
        if let ruled = EvaluationFlow.decidedByServiceRule(prepared) {
            return AuthorizationResult(decision: ruled.decision, basis: ruled.basis, request: prepared, deniedBy: ruled.deniedBy)
        }
        let scans = LayerScanner(request: prepared).scanAll(policies)
        let crossAccount = prepared.isCrossAccount
        let crossAccountUndetermined = crossAccount && prepared.crossAccountIsUndetermined
        // The usual case: nothing unknown, one reading, the scans handed over without a copy.
        guard scans.hasResiduals || crossAccountUndetermined else {
            return EvaluationFlow(request: prepared, policies: policies, scans: consume scans, crossAccount: crossAccount).decide().result(for: prepared, nearMisses: explainsRefusals)
        }
        let literal = EvaluationFlow(request: prepared, policies: policies, scans: scans, crossAccount: crossAccount).decide()

        var decisions: Set<Decision> = [literal.decision]
        var allowing: [StatementRef] = []
        for (name, reading) in [(LayerScan.Reading.mostRestrictive, scans.settled(.mostRestrictive)), (.noneApply, scans.settled(.noneApply)),
                                (.mostPermissive, scans.settled(.mostPermissive))] {
            for crossAccount in crossAccountUndetermined ? [true, false] : [crossAccount] {
                let outcome = EvaluationFlow(request: prepared, policies: policies, scans: reading, crossAccount: crossAccount).decide()
                decisions.insert(outcome.decision)
                if name == .mostPermissive, outcome.decision == .allow, allowing.isEmpty { allowing = outcome.matched + outcome.guardrails }
            }
        }
        guard decisions.count > 1 else { return literal.result(for: prepared, nearMisses: explainsRefusals) }
        // The stand-ins of unknown policies are named as residuals, not as statements of the inputs.
        let standIns = Set(scans.residuals.filter(\.candidate.wholePolicy).map(\.candidate.statement))
        allowing.removeAll { standIns.contains($0) }
        var facts: [String] = []
        if crossAccountUndetermined, let caller = prepared.principalAccount, let owner = prepared.resourceAccount {
            facts.append("whether the caller's account `\(caller)` is the resource's account `\(owner)`")
        }
        return literal.result(for: prepared, undetermined: Undetermined(possibleDecisions: decisions.sorted(), residuals: scans.residualStatements, facts: facts,
                                                                                  allowingStatements: allowing))
    }
}

/// Scans policies for the statements that apply to one request. It holds no copy of the policy
/// set: evaluations are frequent, and the set is only read.
struct LayerScanner {
    let request: PreparedRequest

    /// Identity policies, boundaries, session policies and SCPs exist only for IAM principals;
    /// the account root has no identity policies (it has full access in its own account).
    /// What the scan of every layer shares: the residuals found, and whether the resource or the
    /// caller is symbolic, worked out the first time a statement could hinge on it.
    struct ScanState {
        var residuals: [(layer: PolicyLayer, candidate: LayerScan.Candidate)] = []
        var symbolicResourceOrCaller: Bool?
    }

    func scanAll(_ policies: PolicySet) -> LayerScans {
        // Built from locals and returned whole: assembling the struct field by field copied it.
        var state = ScanState()
        let hasIdentitySide = request.principalAccount != nil
        let identity = hasIdentitySide && !request.principalIsRoot ? scan(policies.identity, as: .identity, state: &state) : LayerScan()
        let session = hasIdentitySide ? policies.session.map { scan([$0], as: .session, state: &state) } : nil
        let boundary = hasIdentitySide ? policies.permissionsBoundary.map { scan($0, as: .permissionsBoundary, state: &state) } : nil
        // Some resource-based policies cover only some actions (`ResourcePolicyScope`).
        var resource: LayerScan?
        if request.resourcePolicyApplies, let policy = policies.resource {
            var scan = LayerScan(tracksForms: true)
            self.scan(policy, as: .resource, into: &scan, requiresPrincipal: true, state: &state)
            resource = scan
        }
        // SCPs do not affect service-linked roles ("Service control policies (SCPs)").
        var serviceControlPolicies: [LayerScan] = []
        if hasIdentitySide && !policies.serviceControlPolicies.isEmpty && !request.principalIsServiceLinkedRole {
            for (level, policies) in policies.serviceControlPolicies.enumerated() {
                serviceControlPolicies.append(scan(policies.policies, as: .serviceControlPolicy(level: level), state: &state))
            }
        }
        var resourceControlPolicies: [LayerScan] = []
        for (level, policies) in policies.resourceControlPolicies.enumerated() {
            resourceControlPolicies.append(scan(policies.policies, as: .resourceControlPolicy(level: level), state: &state))
        }
        let endpoint = policies.vpcEndpoint.map { scan($0, as: .vpcEndpoint, state: &state) }
        return LayerScans(identity: identity, session: session, boundary: boundary, resource: resource, serviceControlPolicies: serviceControlPolicies,
                          resourceControlPolicies: resourceControlPolicies, vpcEndpoint: endpoint, residuals: state.residuals)
    }

    /// One layer's policies.
    func scan(_ policies: [NamedPolicy], as layer: PolicyLayer, state: inout ScanState) -> LayerScan {
        var result = LayerScan()
        for policy in policies { scan(policy, as: layer, into: &result, requiresPrincipal: false, state: &state) }
        return result
    }

    /// - Parameter requiresPrincipal: true for resource-based policies, where a statement without
    ///   `Principal` names nobody (IAM rejects such a statement; it must never grant).
    private func scan(
        _ policy: NamedPolicy, as layer: PolicyLayer, into result: inout LayerScan, requiresPrincipal: Bool,
        state: inout ScanState
    ) {
        if let unknown = policy.unknownContent {
            state.residuals += Unknowns.unknownPolicyCandidates(policy, unknown).map { (layer, $0) }
            return
        }
        // Read once into locals: passing a class's struct properties to a call would copy (and
        // retain) them for every statement.
        let action = request.requestAction
        let resource = request.splitResource
        let document = policy.document
        let variablesEnabled = document.variablesEnabled
        for statement in document.statements(for: action) {
            guard !requiresPrincipal || statement.hasPrincipal, statement.covers(action) else { continue }
            let literal = statement.covers(resource, resolve: request.variable)
                ? StatementMatcher.principalAndConditionsMatch(statement, variablesEnabled: variablesEnabled, request: request)
                : nil
            // Only a statement that failed, or that matched through a negation or a condition,
            // can hinge on an unknown value; and only when one is within its reach: in the policy,
            // in the resource or caller, or in a context key the statement reads.
            if literal == nil || statement.hasNegationsOrConditions,
               policy.mentionsSymbols || state.resourceOrCallerIsSymbolic(request) || request.readsUncertainKey(statement),
               case .undetermined(let form, let comparisons, let unknownKeys) = Unknowns.classify(statement, variablesEnabled: variablesEnabled, request: request) {
                state.residuals.append((layer, LayerScan.Candidate(
                    statement: StatementRef(statement, in: policy), form: literal ?? form, comparisons: comparisons,
                    unknownKeys: unknownKeys, appliesLiterally: literal != nil)))
            }
            guard let literal else { continue }
            let ref = StatementRef(statement, in: policy)  // the usual path builds it once, here
            switch statement.effect {
            case .deny:
                result.denies.append(ref)
            case .allow:
                result.allows.append(ref)
                if result.tracksForms { result.allowForms.append(literal) }
            }
        }
    }
}

extension LayerScanner.ScanState {
    mutating func resourceOrCallerIsSymbolic(_ request: PreparedRequest) -> Bool {
        if let known = symbolicResourceOrCaller { return known }
        let answer = request.resourceOrCallerIsSymbolic
        symbolicResourceOrCaller = answer
        return answer
    }
}
