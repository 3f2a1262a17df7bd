import PolicyModel

/// The statements of one policy layer that apply to a request as written. Statements whose match
/// depends on unknown values are listed apart, in `LayerScans.residuals`: the scan stays small for
/// the usual evaluation, which copies it.
struct LayerScan {
    struct Candidate {
        var statement: StatementRef
        /// For an Allow: how it would name the caller.
        var form: PrincipalMatch
        var comparisons: [String]
        var unknownKeys: [String]
        var appliesLiterally: Bool
        /// True for the stand-ins of a policy whose statements are unknown (`NamedPolicy.unknownContent`).
        var wholePolicy = false
    }

    var allows: [StatementRef] = []
    /// How each Allow named the caller, parallel to `allows` (resource-based policies care).
    var allowForms: [PrincipalMatch] = []
    /// Only a resource-based policy's Allow statements name the caller in ways that matter; the
    /// other layers leave `allowForms` empty (one array fewer for every evaluation).
    var tracksForms = false
    var denies: [StatementRef] = []

    var allowed: Bool { !allows.isEmpty }

    /// The strongest way an Allow named the caller.
    var strongestAllow: PrincipalMatch? { allowForms.max() }

    /// Which way to settle the residuals. The decision is monotone (more allows never restrict,
    /// more denies never permit), so `mostRestrictive` and `mostPermissive` bound every other
    /// reading; listing the decisions between them takes a third. A reading in which a residual
    /// Deny applies is an explicit deny, as `mostRestrictive` is; one in which none does lies
    /// between `noneApply` and `mostPermissive`, and there, with no Deny applying, only an
    /// implicit deny or an allow can come out. So the three give every decision any reading gives.
    /// (With the extremes alone, an Allow that holds unless a key is `a` and a Deny that holds
    /// when it is `b` list an explicit deny and an allow, and miss the implicit deny for `a`.)
    enum Reading {
        /// Residual allows do not apply, residual denies do.
        case mostRestrictive
        /// Residual allows apply, residual denies do not.
        case mostPermissive
        /// No residual applies.
        case noneApply
    }

    /// This layer with its `residuals` settled as `reading` says.
    func settled(_ reading: Reading, residuals: [Candidate]) -> LayerScan {
        guard !residuals.isEmpty else { return self }
        var copy = self
        for residual in residuals {
            let ref = residual.statement
            let applies = switch reading {
            case .mostRestrictive: ref.effect == .deny
            case .mostPermissive: ref.effect == .allow
            case .noneApply: false
            }
            switch (ref.effect, applies, residual.appliesLiterally) {
            case (.allow, true, false):
                copy.allows.append(ref)
                if tracksForms { copy.allowForms.append(residual.form) }
            case (.allow, false, true):
                if let index = copy.allows.firstIndex(of: ref) {
                    copy.allows.remove(at: index)
                    if tracksForms { copy.allowForms.remove(at: index) }
                }
            case (.deny, true, false):
                copy.denies.append(ref)
            case (.deny, false, true):
                copy.denies.removeAll { $0 == ref }
            default:
                break
            }
        }
        return copy
    }
}

/// Every layer's scan for one request. Layers that do not apply are nil or empty.
struct LayerScans {
    var identity = LayerScan()
    var session: LayerScan?
    var boundary: LayerScan?
    var resource: LayerScan?
    /// One per SCP level, root first; empty when SCPs do not apply to the caller.
    var serviceControlPolicies: [LayerScan] = []
    var resourceControlPolicies: [LayerScan] = []
    var vpcEndpoint: LayerScan?

    /// Every scan with its layer, in the order explanations list them.
    var layers: [(PolicyLayer, LayerScan)] {
        var result: [(PolicyLayer, LayerScan)] = [(.identity, identity)]
        if let resource { result.append((.resource, resource)) }
        if let boundary { result.append((.permissionsBoundary, boundary)) }
        if let session { result.append((.session, session)) }
        if let vpcEndpoint { result.append((.vpcEndpoint, vpcEndpoint)) }
        for (level, scan) in serviceControlPolicies.enumerated() { result.append((.serviceControlPolicy(level: level), scan)) }
        for (level, scan) in resourceControlPolicies.enumerated() { result.append((.resourceControlPolicy(level: level), scan)) }
        return result
    }

    /// Statements whose match is undetermined, with their layers. Those that apply as written are
    /// also in their layer's `allows` or `denies`, so the scans as they stand are the literal reading.
    var residuals: [(layer: PolicyLayer, candidate: LayerScan.Candidate)] = []

    var hasResiduals: Bool { !residuals.isEmpty }

    /// Whether any layer has a matching Deny.
    var hasDenies: Bool { any { !$0.denies.isEmpty } }

    private func any(_ test: (LayerScan) -> Bool) -> Bool {
        if test(identity) { return true }
        if let resource, test(resource) { return true }
        if let boundary, test(boundary) { return true }
        if let session, test(session) { return true }
        if let vpcEndpoint, test(vpcEndpoint) { return true }
        return serviceControlPolicies.contains(where: test) || resourceControlPolicies.contains(where: test)
    }

    /// One residual per statement, and one per unknown policy (not one per stand-in).
    var residualStatements: [Residual] {
        residuals.compactMap { layer, candidate in
            if candidate.wholePolicy {
                guard candidate.statement.effect == .allow else { return nil }
                return Residual(unknownPolicy: candidate.statement.policy, layer: layer, reason: candidate.comparisons.joined(separator: "; "),
                                position: candidate.statement.position)
            }
            return Residual(statement: candidate.statement, layer: layer, comparisons: candidate.comparisons,
                            unknownKeys: candidate.unknownKeys, appliesLiterally: candidate.appliesLiterally)
        }
    }

    func settled(_ reading: LayerScan.Reading) -> LayerScans {
        func settle(_ scan: LayerScan, _ layer: PolicyLayer) -> LayerScan {
            scan.settled(reading, residuals: residuals.filter { $0.layer == layer }.map(\.candidate))
        }
        var copy = self
        copy.identity = settle(identity, .identity)
        copy.session = session.map { settle($0, .session) }
        copy.boundary = boundary.map { settle($0, .permissionsBoundary) }
        copy.resource = resource.map { settle($0, .resource) }
        copy.serviceControlPolicies = serviceControlPolicies.enumerated().map { settle($1, .serviceControlPolicy(level: $0)) }
        copy.resourceControlPolicies = resourceControlPolicies.enumerated().map { settle($1, .resourceControlPolicy(level: $0)) }
        copy.vpcEndpoint = vpcEndpoint.map { settle($0, .vpcEndpoint) }
        return copy
    }
}
