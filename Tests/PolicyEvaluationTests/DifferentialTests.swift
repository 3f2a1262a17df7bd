import PolicyEvaluation
import Testing

/// The differential tier: the `Authorizer` against `ReferenceAuthorizer` (AWS's rule table
/// transcribed for a small subset) on seeded random policy sets and requests, plus the properties
/// that the evaluator's undetermined decisions rest on. The seeds are fixed, so every run draws
/// the same cases; a failure prints the smallest case that still fails, in the corpus format.
@Suite struct DifferentialTests {
    // Sized for a few seconds in a debug build, where parsing the generated policies dominates.
    static let agreementCases = 1_500
    static let monotonicityCases = 600
    static let unknownKeyCases = 300

    static func names(_ decisions: some Sequence<Decision>) -> String {
        "[" + decisions.map(\.rawValue).joined(separator: ", ") + "]"
    }

    /// Records a failing case (shrunk by the caller) and returns false once `limit` cases have
    /// been reported, so that a broken rule prints a few cases rather than hundreds.
    static func report(_ title: String, _ policies: SmallPolicies, _ request: SmallRequest, id: String,
                       reported: inout Int, limit: Int = 3) -> Bool {
        reported += 1
        let text = "\(title)\n" + SmallJSON.corpusCase(request, policies, expected: ReferenceAuthorizer.decide(request, policies), id: id)
        Issue.record(Comment(rawValue: text))
        return reported < limit
    }

    @Test func authorizerAgreesWithTheReferenceOnGeneratedCases() throws {
        var generator = PolicyGenerator(seed: 0x5EED_0001)
        let input = ProjectInput()
        var outcomes: [String: Int] = [:]
        var reported = 0
        func disagrees(_ policies: SmallPolicies, _ request: SmallRequest) -> Bool {
            (try? input.decision(request, policies)).map { $0 != ReferenceAuthorizer.decide(request, policies) } ?? false
        }
        for index in 0..<Self.agreementCases {
            let (policies, request) = generator.next()
            let result = Authorizer().authorize(ProjectInput.request(request), policies: try input.policySet(policies))
            let expected = ReferenceAuthorizer.decide(request, policies)
            // No value is symbolic and no key unknown: every result must be decided.
            #expect(result.isDetermined, "case \(index) is undetermined")
            let grant = (policies.bucketPolicy ?? []).filter { $0.effect == .allow }.compactMap { ReferenceAuthorizer.naming($0, request) }.max()
            outcomes["\(expected.rawValue) \(request.isCrossAccount ? "cross" : "same") \(grant.map { "\($0)" } ?? "none")", default: 0] += 1
            guard result.decision != expected else { continue }
            let (small, smallRequest) = Shrinker.shrink(policies, request, while: disagrees)
            let actual = try input.decision(smallRequest, small)
            guard Self.report("case \(index): the Authorizer says \(actual.rawValue), the reference \(ReferenceAuthorizer.decide(smallRequest, small).rawValue)",
                              small, smallRequest, id: "differential/case-\(index)", reported: &reported) else { break }
        }
        // The generator must reach every row of the rule table, or agreement proves little.
        for decision in Decision.allCases {
            for accounts in ["same", "cross"] {
                #expect(outcomes.contains { $0.key.hasPrefix("\(decision.rawValue) \(accounts) ") }, "no \(decision) \(accounts)-account case")
            }
        }
        for grant in ["none", "account", "role", "caller", "everyone"] {
            for decision in [Decision.allow, .implicitDeny] {
                #expect(outcomes["\(decision.rawValue) same \(grant)", default: 0] >= 10, "few same-account \(decision)s with a \(grant) grant")
            }
        }
    }

    /// Adding an Allow statement never makes a decision more restrictive, adding a Deny statement
    /// never makes it more permissive: the evaluator settles undetermined statements in a few
    /// readings (`LayerScan.Reading`) and relies on every other reading lying between them.
    @Test func moreAllowsNeverRestrictAndMoreDeniesNeverPermit() throws {
        var generator = PolicyGenerator(seed: 0x5EED_0002)
        let input = ProjectInput()
        var reported = 0
        for index in 0..<Self.monotonicityCases {
            let (policies, request) = generator.next()
            for effect in [SmallStatement.Effect.allow, .deny] {
                let insertion = generator.insertion(effect, into: policies)
                // The failure, if any: how the decision moved the wrong way.
                func violation(_ policies: SmallPolicies, _ request: SmallRequest) -> String? {
                    guard let widened = insertion.applied(to: policies),
                          let before = try? input.decision(request, policies), let after = try? input.decision(request, widened)
                    else { return nil }
                    let holds = effect == .allow ? after >= before : after <= before
                    return holds ? nil : "adding \(SmallJSON.statement(insertion.statement)) moved \(before.rawValue) to \(after.rawValue)"
                }
                // The reference is held to the same property: a rule table that broke it would be wrong.
                if let widened = insertion.applied(to: policies) {
                    let before = ReferenceAuthorizer.decide(request, policies)
                    let after = ReferenceAuthorizer.decide(request, widened)
                    #expect(effect == .allow ? after >= before : after <= before, "the reference is not monotone in case \(index)")
                }
                guard violation(policies, request) != nil else { continue }
                let (small, smallRequest) = Shrinker.shrink(policies, request) { violation($0, $1) != nil }
                guard Self.report("case \(index): \(violation(small, smallRequest) ?? "")", small, smallRequest,
                                  id: "differential/monotone-\(index)", reported: &reported) else { return }
            }
        }
    }

    @Test func vocabularyIsCoveredByShortValues() {
        let short = Set(Vocabulary.representativeValues.map(Vocabulary.signature))
        let long = Set(Vocabulary.representatives(maxLength: 6).map(Vocabulary.signature))
        #expect(short == long)
    }

    /// With `aws:PrincipalTag/team` marked unknown, the one-pass answer must match what
    /// enumerating its values says: one string for each way the conditions can tell values apart
    /// (`Vocabulary.representativeValues`), and the key absent. Always: the literal decision is
    /// the absent key's, and every enumerated decision is possible. Exactly (undetermined just
    /// when the values disagree, possible decisions just those they give) where each of the
    /// evaluator's readings is some value's; elsewhere it may list a decision no value gives, e.g.
    /// two Allows, one unless the key is `A`, one unless it is `ab`, allow for every value, yet
    /// settled one statement at a time they may both miss.
    @Test func undeterminedDecisionsAgreeWithEnumeratingTheUnknownKey() throws {
        var generator = PolicyGenerator(seed: 0x5EED_0003)
        generator.probedConditionPercent = 60
        let input = ProjectInput()
        var tally = (undetermined: 0, exact: 0)
        var reported = 0
        for index in 0..<Self.unknownKeyCases {
            var (policies, request) = generator.next()
            request.context[Vocabulary.probedKey] = nil
            let check = try Self.checkUnknownKey(policies, request, input: input)
            if check.undetermined { tally.undetermined += 1 }
            if check.exact { tally.exact += 1 }
            guard check.failure != nil else { continue }
            let (small, smallRequest) = Shrinker.shrink(policies, request) {
                (try? Self.checkUnknownKey($0, $1, input: input).failure) != nil
            }
            let failure = (try? Self.checkUnknownKey(small, smallRequest, input: input).failure) ?? nil
            guard Self.report("case \(index), `\(Vocabulary.probedKey)` unknown: \(failure ?? "")", small, smallRequest,
                              id: "differential/unknown-\(index)", reported: &reported) else { break }
        }
        // Enough cases must be undetermined, and exact, for the comparison to mean something.
        #expect(tally.undetermined >= Self.unknownKeyCases / 5, "only \(tally.undetermined) undetermined cases")
        #expect(tally.exact >= Self.unknownKeyCases / 2, "only \(tally.exact) cases where the readings are realisable")
    }

    struct UnknownKeyCheck {
        var failure: String?
        var undetermined: Bool
        /// Whether each of the evaluator's readings of the statements that test the key is what
        /// some value (or the key's absence) gives; only then must its answer be exact.
        var exact: Bool
    }

    static func checkUnknownKey(_ policies: SmallPolicies, _ request: SmallRequest, input: ProjectInput) throws -> UnknownKeyCheck {
        let key = Vocabulary.probedKey
        let projectPolicies = try input.policySet(policies)
        let result = Authorizer().authorize(ProjectInput.request(request, unknownKey: key), policies: projectPolicies)
        // The key absent first, then each representative value.
        let contexts = [request.context] + Vocabulary.representativeValues.map { value in request.context.merging([key: value]) { $1 } }
        var enumerated: [Decision] = []
        var failures: [String] = []
        for context in contexts {
            var concrete = request
            concrete.context = context
            let decision = Authorizer().authorize(ProjectInput.request(concrete), policies: projectPolicies).decision
            let expected = ReferenceAuthorizer.decide(concrete, policies)
            if decision != expected { failures.append("with \(context) the Authorizer says \(decision.rawValue), the reference \(expected.rawValue)") }
            enumerated.append(decision)
        }
        let possible = Set(result.undetermined?.possibleDecisions ?? [result.decision])
        let reachable = Set(enumerated)
        let exact = readingsAreRealisable(policies, request, contexts: contexts)
        // Unknown values read as written: the key absent.
        if result.decision != enumerated[0] {
            failures.append("the literal decision \(result.decision.rawValue) is not the absent key's \(enumerated[0].rawValue)")
        }
        // Sound: whatever the value, its decision is among the possible ones.
        if !reachable.isSubset(of: possible) {
            failures.append("possible decisions \(names(possible.sorted())) miss \(names(reachable.subtracting(possible).sorted())); enumerated \(names(enumerated))")
        } else if exact && possible != reachable {
            failures.append("possible decisions \(names(possible.sorted())), but the values give \(names(reachable.sorted()))")
        }
        return UnknownKeyCheck(failure: failures.isEmpty ? nil : failures.joined(separator: "; "), undetermined: result.undetermined != nil, exact: exact)
    }

    /// Whether the evaluator's three readings of the statements that test the unknown key (every
    /// Allow applies and no Deny; no Allow and every Deny; none of them, `LayerScan.Reading`) each
    /// arise from one of `contexts`, so that every decision it calls possible is one some value gives.
    static func readingsAreRealisable(_ policies: SmallPolicies, _ request: SmallRequest, contexts: [[String: String]]) -> Bool {
        let key = Vocabulary.probedKey.lowercased()
        let statements = policies.identity.flatMap { $0 } + (policies.boundary ?? []) + (policies.bucketPolicy ?? [])
            + (policies.serviceControlPolicies ?? []).flatMap { $0 }
        // The statements that test the key and apply apart from those tests.
        let testing = statements.filter { statement in
            var rest = statement
            rest.conditions.removeAll { $0.key.lowercased() == key }
            return rest.conditions.count < statement.conditions.count && ReferenceAuthorizer.naming(rest, request) != nil
        }
        let realised = Set(contexts.map { context in
            var concrete = request
            concrete.context = context
            return testing.map { ReferenceAuthorizer.naming($0, concrete) != nil }
        })
        let mostPermissive = testing.map { $0.effect == .allow }
        return [mostPermissive, mostPermissive.map(!), testing.map { _ in false }].allSatisfy(realised.contains)
    }
}
