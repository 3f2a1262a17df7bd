/// A condition key the catalogue knows, as resolved by `ServiceCatalogue.conditionKey(_:)`.
package struct ConditionKeyInfo: Sendable, Hashable {
    /// Canonical spelling. For a key resolved through a template this is the concrete key with the
    /// template's literal parts in canonical case: `aws:principaltag/team` → `aws:PrincipalTag/team`.
    package var name: String
    package var type: ConditionKeyType
    /// The templated definition the key matched, e.g. `aws:PrincipalTag/${TagKey}`; nil for plain keys.
    package var template: String?
    /// A global `aws:` key, usable with any action.
    package var isGlobal: Bool
    /// Not in iam-data: taken from AWS's "global condition context keys" documentation.
    package var isFromDocumentation: Bool
    /// A key set by an identity provider during federation (`saml:aud`,
    /// `cognito-identity.amazonaws.com:amr`, `accounts.google.com:aud`, ...), i.e. meaningful in
    /// role trust policies for `sts:AssumeRoleWith...`.
    package var isIdentityProviderKey: Bool

    package var isMultivalued: Bool { type.isArray }

    package init(
        name: String, type: ConditionKeyType, template: String? = nil, isGlobal: Bool,
        isFromDocumentation: Bool = false, isIdentityProviderKey: Bool = false
    ) {
        self.name = name
        self.type = type
        self.template = template
        self.isGlobal = isGlobal
        self.isFromDocumentation = isFromDocumentation
        self.isIdentityProviderKey = isIdentityProviderKey
    }
}

extension ConditionKeyInfo {
    /// Why a request value does not read as this key's type, as the evaluator reads it (a policy
    /// condition could never match it), and the form expected; nil when it reads.
    /// - Parameter shown: the value as the message quotes it (escaped for where it goes).
    package func valueProblem(_ value: String, shown: String) -> (message: String, help: String)? {
        if type.accepts(value) { return nil }
        return ("`\(shown)` is not a valid `\(name)` value: the key is of type \(type.rawValue)", "give \(type.valueForm)")
    }
}
