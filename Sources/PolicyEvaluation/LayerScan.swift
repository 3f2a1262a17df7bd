import PolicyModel

/// The statements of one policy layer that apply to a request: definite allows and denies, and
/// residuals whose match depends on unknown values.
struct LayerScan {
    struct Candidate {
        var statement: StatementRef
        /// For an Allow: how it would name the caller.
        var form: PrincipalMatch
        var comparisons: [String]
        var unknownKeys: [String]
        var appliesLiterally: Bool
    }

    var allows: [StatementRef] = []
    /// How each Allow named the caller, parallel to `allows` (resource-based policies care).
    var allowForms: [PrincipalMatch] = []
    var denies: [StatementRef] = []
    /// Statements whose match is undetermined. Those that apply as written are also in `allows`
    /// or `denies`, so the scan as it stands is the literal reading.
    var residuals: [Candidate] = []

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

    func settled(_ reading: Reading) -> LayerScan {
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
                copy.allowForms.append(residual.form)
            case (.allow, false, true):
                if let index = copy.allows.firstIndex(of: ref) {
                    copy.allows.remove(at: index)
                    copy.allowForms.remove(at: index)
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

    var hasResiduals: Bool { layers.contains { !$0.1.residuals.isEmpty } }

    var residuals: [Residual] {
        layers.flatMap { layer, scan in
            scan.residuals.map { candidate in
                Residual(statement: candidate.statement, layer: layer, comparisons: candidate.comparisons,
                         unknownKeys: candidate.unknownKeys, appliesLiterally: candidate.appliesLiterally)
            }
        }
    }

    func settled(_ reading: LayerScan.Reading) -> LayerScans {
        var copy = self
        copy.identity = identity.settled(reading)
        copy.session = session?.settled(reading)
        copy.boundary = boundary?.settled(reading)
        copy.resource = resource?.settled(reading)
        copy.serviceControlPolicies = serviceControlPolicies.map { $0.settled(reading) }
        copy.resourceControlPolicies = resourceControlPolicies.map { $0.settled(reading) }
        copy.vpcEndpoint = vpcEndpoint?.settled(reading)
        return copy
    }
}
