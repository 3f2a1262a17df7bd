import PolicyModel

/// Who makes a request, classified from its ARN because the form decides how resource-based
/// policies apply (IAM User Guide, "Policy evaluation logic", resource-based policies).
package enum RequestPrincipal: Sendable, Hashable, CustomStringConvertible {
    case anonymous
    case root(partition: String, account: String)
    case user(arn: String, partition: String, account: String)
    /// A request signed by a role itself (rare; normally a session is the caller).
    case role(arn: String, partition: String, account: String, name: String)
    case assumedRole(arn: String, partition: String, account: String, roleName: String, sessionName: String)
    case federatedUser(arn: String, partition: String, account: String, name: String)
    /// An AWS service principal such as `osis-pipelines.amazonaws.com`.
    case service(String)
    /// Anything else: a web-identity or SAML provider, a canonical user id, an unrecognised ARN.
    case other(String)

    package init(_ text: String?) {
        guard let text, !text.isEmpty else {
            self = .anonymous
            return
        }
        let arn = SplitARN(text)
        guard let prefix = arn.prefix, let resource = arn.resourcePart, prefix[0] == "arn" else {
            if text.allSatisfy({ $0.isASCIIDigit }) && text.count == 12 {
                self = .root(partition: "aws", account: text)
            } else if text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn") || text.hasSuffix(".amazon.com") {
                self = .service(text.lowercased())
            } else {
                self = .other(text)
            }
            return
        }
        let partition = prefix[1]
        let service = prefix[2]
        let account = prefix[4]
        switch (service, resource) {
        case ("iam", "root"):
            self = .root(partition: partition, account: account)
        case ("iam", _) where resource.hasPrefix("user/"):
            self = .user(arn: text, partition: partition, account: account)
        case ("iam", _) where resource.hasPrefix("role/"):
            let name = resource.split(separator: "/").last.map(String.init) ?? ""
            self = .role(arn: text, partition: partition, account: account, name: name)
        case ("sts", _) where resource.hasPrefix("assumed-role/"):
            let parts = resource.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3 {
                self = .assumedRole(arn: text, partition: partition, account: account,
                                    roleName: String(parts[1]), sessionName: String(parts[2]))
            } else {
                self = .other(text)
            }
        case ("sts", _) where resource.hasPrefix("federated-user/"):
            self = .federatedUser(arn: text, partition: partition, account: account,
                                  name: String(resource.dropFirst("federated-user/".count)))
        default:
            self = .other(text)
        }
    }

    /// The account the principal belongs to; nil for services, anonymous and other callers.
    package var account: String? {
        switch self {
        case .root(_, let account), .user(_, _, let account), .role(_, _, let account, _),
             .assumedRole(_, _, let account, _, _), .federatedUser(_, _, let account, _):
            account
        case .anonymous, .service, .other:
            nil
        }
    }

    package var partition: String? {
        switch self {
        case .root(let partition, _), .user(_, let partition, _), .role(_, let partition, _, _),
             .assumedRole(_, let partition, _, _, _), .federatedUser(_, let partition, _, _):
            partition
        case .anonymous, .service, .other:
            nil
        }
    }

    /// The ARN of the role behind a session (without the role's path, which session ARNs omit).
    package var roleName: String? {
        switch self {
        case .assumedRole(_, _, _, let roleName, _), .role(_, _, _, let roleName): roleName
        default: nil
        }
    }

    package var arn: String? {
        switch self {
        case .root(let partition, let account): "arn:\(partition):iam::\(account):root"
        case .user(let arn, _, _), .role(let arn, _, _, _), .assumedRole(let arn, _, _, _, _), .federatedUser(let arn, _, _, _): arn
        case .anonymous, .service, .other: nil
        }
    }

    package var description: String {
        switch self {
        case .anonymous: "anonymous"
        case .service(let name), .other(let name): name
        default: arn ?? "unknown"
        }
    }
}
