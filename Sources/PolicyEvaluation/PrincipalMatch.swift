import PolicyModel

/// How a resource-based policy statement named the caller. The form decides what else must allow
/// the request in the same account (IAM User Guide, "Policy evaluation logic", table of principal
/// types in resource-based policies).
package enum PrincipalMatch: Int, Sendable, Hashable, Comparable {
    /// The account (`"AWS": "111122223333"` or `arn:aws:iam::111122223333:root`): delegates to
    /// the account, so an identity-based Allow is still needed.
    case account = 1
    /// The role behind the calling session: allowed, but boundary and session policy still bind.
    case role = 2
    /// The exact caller (user, role session, federated session), a service or a web-identity
    /// provider: the resource-based policy alone allows.
    case direct = 3
    /// Everyone (`*`): as strong as `direct`; kept apart so explanations say so.
    case everyone = 4

    /// True for the forms that let the resource-based policy allow on its own.
    package var isDirect: Bool { self >= .direct }

    package static func < (lhs: PrincipalMatch, rhs: PrincipalMatch) -> Bool { lhs.rawValue < rhs.rawValue }
}

enum PrincipalMatcher {
    /// How `element` names the caller, or nil when it does not.
    static func match(_ element: PrincipalElement, effect: Effect, request: PreparedRequest) -> PrincipalMatch? {
        if element.isNot {
            return notPrincipalApplies(element, effect: effect, request: request) ? .direct : nil
        }
        if element.isEveryone { return .everyone }
        var best: PrincipalMatch?
        for entry in element.entries {
            guard let match = match(entry, request: request) else { continue }
            if match.isDirect { return match }
            best = max(best ?? match, match)
        }
        return best
    }

    static func match(_ entry: PrincipalElement.Entry, request: PreparedRequest) -> PrincipalMatch? {
        switch entry.kind {
        case .service, .federated, .canonicalUser:
            guard let name = request.principalName else { return nil }
            return name.equalsIgnoringASCIICase(entry.value) ? .direct : nil
        case .aws:
            return awsMatch(entry, request: request)
        }
    }

    /// How `entry` would name the caller if its unknown parts turned out to match: the form an
    /// undetermined principal comparison could take.
    static func possibleForm(_ entry: PrincipalElement.Entry, request: PreparedRequest) -> PrincipalMatch {
        guard entry.kind == .aws else { return .direct }
        switch entry.awsForm ?? .unrecognised {
        case .everyone: return .everyone
        case .account: return .account
        case .role: return request.principalIsAssumedRole ? .role : .direct
        case .exact, .unrecognised: return .direct
        }
    }

    private static func awsMatch(_ entry: PrincipalElement.Entry, request: PreparedRequest) -> PrincipalMatch? {
        switch entry.awsForm ?? .unrecognised {
        case .everyone:
            return .everyone
        case .account(let partition, let account):
            guard request.principalAccount == account, partition == nil || partition == request.principalPartition else { return nil }
            return .account
        case .role(let partition, let account, let name):
            guard request.principalAccount == account, request.principalPartition == partition else { return nil }
            if request.principalIsRole { return request.principalARN == entry.value ? .direct : nil }
            if request.principalIsAssumedRole { return request.roleName == name ? .role : nil }
            return nil
        case .exact:
            return request.principalARN == entry.value ? .direct : nil
        case .unrecognised:
            // A role known only by a token for its whole ARN (an import) names its sessions by
            // that token (`assumed-role/⟦ImportValue.X⟧/session`): the same token names the role.
            guard SymbolToken.body(of: entry.value) != nil else { return nil }
            if request.principalIsRole { return request.principalARN == entry.value ? .direct : nil }
            if request.principalIsAssumedRole { return request.roleName == entry.value ? .role : nil }
            return nil
        }
    }

    /// `NotPrincipal`: with Deny, the statement applies unless every link of the caller's chain
    /// (account, then role, then session or user) is listed, and it always applies to a caller
    /// with a permissions boundary ("AWS JSON policy elements: NotPrincipal").
    private static func notPrincipalApplies(_ element: PrincipalElement, effect: Effect, request: PreparedRequest) -> Bool {
        if element.isEveryone { return false }
        if effect == .allow {
            return !element.entries.contains { match($0, request: request) != nil }
        }
        if request.hasPermissionsBoundary { return true }
        let principal = request.principal
        let listed = element.entries
        func isListed(_ candidate: String) -> Bool {
            listed.contains { $0.kind == .aws && ($0.value == candidate || $0.value == "*") }
        }
        func accountListed(_ account: String, partition: String) -> Bool {
            isListed(account) || isListed("arn:\(partition):iam::\(account):root")
        }
        switch principal {
        case .anonymous:
            return !isListed("*")
        case .service(let name), .other(let name):
            return !listed.contains { $0.value.equalsIgnoringASCIICase(name) }
        case .root(let partition, let account):
            return !accountListed(account, partition: partition)
        case .user(let arn, let partition, let account), .federatedUser(let arn, let partition, let account, _):
            return !(accountListed(account, partition: partition) && isListed(arn))
        case .role(let arn, let partition, let account, _):
            return !(accountListed(account, partition: partition) && isListed(arn))
        case .assumedRole(let arn, let partition, let account, let roleName, _):
            let roleListed = listed.contains { entry in
                guard entry.kind == .aws else { return false }
                let entryARN = SplitARN(entry.value)
                return entryARN.account == account && entryARN.resourcePart.map { $0.hasPrefix("role/") && $0.split(separator: "/").last.map(String.init) == roleName } == true
            }
            return !(accountListed(account, partition: partition) && roleListed && isListed(arn))
        }
    }
}
