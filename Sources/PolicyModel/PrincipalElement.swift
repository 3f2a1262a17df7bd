/// `Principal` or `NotPrincipal` of a resource-based or trust policy.
package struct PrincipalElement: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case aws = "AWS"
        case service = "Service"
        case federated = "Federated"
        case canonicalUser = "CanonicalUser"
    }

    package struct Entry: Sendable, Hashable {
        package var kind: Kind
        package var value: String
        package var position: SourcePosition

        package init(kind: Kind, value: String, position: SourcePosition = .unknown) {
            self.kind = kind
            self.value = value
            self.position = position
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
}
