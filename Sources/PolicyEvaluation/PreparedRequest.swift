import PolicyModel

/// A request with the work every statement would repeat done once: the lower-cased action, the
/// resource split into ARN parts, the two accounts.
struct PreparedRequest {
    let request: AuthorizationRequest
    let lowercasedAction: String
    let action: RequestAction
    let resource: SplitARN
    let principalAccount: String?
    let resourceAccount: String?
    let hasPermissionsBoundary: Bool

    init(_ request: AuthorizationRequest, hasPermissionsBoundary: Bool) {
        self.request = request
        self.action = RequestAction(request.action)
        self.lowercasedAction = action.lowercased
        let resource = SplitARN(request.wildcardOnlyAction ? "*" : request.resource)
        self.resource = resource
        self.principalAccount = request.principal.account
        if let account = request.resourceAccount, !account.isEmpty {
            self.resourceAccount = account
        } else if let account = resource.account, !account.isEmpty {
            self.resourceAccount = account
        } else {
            // S3 and other account-less ARNs without `resourceAccount`: same account as the caller.
            self.resourceAccount = request.principal.account
        }
        self.hasPermissionsBoundary = hasPermissionsBoundary
    }

    var isCrossAccount: Bool {
        guard let principalAccount, let resourceAccount else { return false }
        return principalAccount != resourceAccount
    }

    /// A policy variable's value: single-valued keys only; multivalued keys cannot be variables.
    func variable(_ lowercasedKey: String) -> String? {
        switch request.context.value(lowercasedKey: lowercasedKey) {
        case .single(let value): value
        case .multiple(let values) where values.count == 1: values[0]
        default: nil
        }
    }
}
