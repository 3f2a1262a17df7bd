/// The layer of the evaluation that refused a request: a closed vocabulary, so callers switch
/// over it instead of parsing text (iam-simulate's `BlockedReason`).
package enum PolicyLayer: Sendable, Hashable, CustomStringConvertible {
    case identity
    case resource
    case permissionsBoundary
    case session
    case vpcEndpoint
    /// The SCP level at this 0-based position (root first).
    case serviceControlPolicy(level: Int)
    /// The RCP level at this 0-based position (root first).
    case resourceControlPolicy(level: Int)
    case s3BlockPublicAccess
    /// A rule of the service that no policy can change.
    case serviceRule(ServiceRule)

    /// The stable name used in JSON output and in case files' `expected.deniedBy`:
    /// `identity`, `resource`, `permissionBoundary`, `session`, `vpcEndpoint`, `scp[n]`, `rcp[n]`,
    /// `s3BlockPublicAccess`, or the service rule's id.
    package var description: String {
        switch self {
        case .identity: "identity"
        case .resource: "resource"
        case .permissionsBoundary: "permissionBoundary"
        case .session: "session"
        case .vpcEndpoint: "vpcEndpoint"
        case .serviceControlPolicy(let level): "scp[\(level)]"
        case .resourceControlPolicy(let level): "rcp[\(level)]"
        case .s3BlockPublicAccess: "s3BlockPublicAccess"
        case .serviceRule(let rule): rule.rawValue
        }
    }

    /// The layers without a level or a rule; their names are their `description`s.
    static let fixedLayers: [PolicyLayer] = [.identity, .resource, .permissionsBoundary, .session, .vpcEndpoint, .s3BlockPublicAccess]

    /// The inverse of `description`, for case files.
    package init?(name: String) {
        func level(_ prefix: String) -> Int? {
            guard name.hasPrefix(prefix + "["), name.hasSuffix("]") else { return nil }
            return Int(name.dropFirst(prefix.count + 1).dropLast())
        }
        if let layer = Self.fixedLayers.first(where: { $0.description == name }) {
            self = layer
        } else if let rule = ServiceRule(rawValue: name) {
            self = .serviceRule(rule)
        } else if let index = level("scp") {
            self = .serviceControlPolicy(level: index)
        } else if let index = level("rcp") {
            self = .resourceControlPolicy(level: index)
        } else {
            return nil
        }
    }
}
