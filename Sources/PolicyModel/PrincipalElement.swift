/// `Principal` or `NotPrincipal` of a resource-based or trust policy. Equality and hashing ignore
/// positions.
package struct PrincipalElement: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case aws = "AWS"
        case service = "Service"
        case federated = "Federated"
        case canonicalUser = "CanonicalUser"
    }

    package struct Entry: Sendable, Hashable {
        package let kind: Kind
        package let value: String
        package let position: SourcePosition
        /// For `AWS` entries, the form of the value, classified once at parse time.
        package let awsForm: AWSPrincipalForm?

        package init(kind: Kind, value: String, position: SourcePosition = .unknown) {
            self.kind = kind
            self.value = value
            self.position = position
            self.awsForm = kind == .aws ? AWSPrincipalForm(value) : nil
        }

        package static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.kind == rhs.kind && lhs.value == rhs.value
        }

        package func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            hasher.combine(value)
        }
    }

    package var isNot: Bool
    /// The bare string `"*"` form, equivalent to `{"AWS": "*"}`: everyone, including anonymous.
    package var isEveryone: Bool
    package var entries: [Entry]
    package var position: SourcePosition

    package init(isNot: Bool, isEveryone: Bool, entries: [Entry], position: SourcePosition = .unknown) {
        self.isNot = isNot
        self.isEveryone = isEveryone
        self.entries = entries
        self.position = position
    }

    package var elementName: String { isNot ? "NotPrincipal" : "Principal" }

    /// Every principal: the bare `"*"` or an `AWS` entry of `*`.
    package var namesEveryone: Bool { isEveryone || entries.contains { $0.awsForm == .everyone } }

    /// The values of the entries of one kind (`Service`, `AWS`, …), in file order.
    package func values(of kind: Kind) -> [String] {
        entries.filter { $0.kind == kind }.map(\.value)
    }

    package static func == (lhs: PrincipalElement, rhs: PrincipalElement) -> Bool {
        lhs.isNot == rhs.isNot && lhs.isEveryone == rhs.isEveryone && lhs.entries == rhs.entries
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(isNot)
        hasher.combine(isEveryone)
        hasher.combine(entries)
    }
}

/// What an `AWS` principal value names. Principals allow no partial wildcards, so anything that is
/// not one of these forms matches only itself.
package enum AWSPrincipalForm: Sendable, Hashable {
    /// `*`: everyone, including anonymous callers.
    case everyone
    /// A 12-digit account id or `arn:PARTITION:iam::ACCOUNT:root`: the whole account.
    case account(partition: String?, account: String)
    /// `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`: the role and its sessions.
    case role(partition: String, account: String, name: String)
    /// Any other ARN (user, assumed-role session, federated user): that exact principal.
    case exact(partition: String, account: String)
    /// Not an ARN.
    case unrecognised

    package init(_ value: String) {
        if value == "*" {
            self = .everyone
            return
        }
        if AWSIdentifierForm.accountID.accepts(value) {
            self = .account(partition: nil, account: value)
            return
        }
        let arn = SplitARN(value)
        guard arn.isARN, let partition = arn.partition, let account = arn.account, let service = arn.service,
              let resource = arn.resourcePart else {
            self = .unrecognised
            return
        }
        if service == "iam", resource == "root" {
            self = .account(partition: partition, account: account)
        } else if service == "iam", resource.hasPrefix("role/") {
            self = .role(partition: partition, account: account, name: resource.split(separator: "/").last.map(String.init) ?? "")
        } else {
            self = .exact(partition: partition, account: account)
        }
    }
}
