/// What decided a request: the step of the evaluation flow that produced the decision, with the
/// facts its sentence needs. `DecisionExplanation` renders it; nothing here is prose.
package enum DecisionBasis: Sendable, Hashable {
    /// A rule of the service decided before any policy was read.
    case serviceRule(ServiceRule)

    // Allow
    /// The resource-based policy names the caller (`.direct`), everyone (`.everyone`) or the
    /// caller's role (`.role`).
    case resourcePolicyGrant(PrincipalMatch)
    /// The resource-based policy names a caller that has no identity-based policies (a service
    /// principal, an anonymous caller, a web-identity provider).
    case resourcePolicyGrantToCaller(everyone: Bool)
    /// The caller's identity-based policies; `resourcePolicyTrustsAccount` when a resource-based
    /// policy also matched by naming the caller's account.
    case identityPolicyGrant(resourcePolicyTrustsAccount: Bool)
    /// Both sides of a cross-account request.
    case crossAccountGrant
    case rootUserInOwnAccount

    // Explicit deny
    case explicitDeny

    // Implicit deny
    /// An RCP or SCP level, or the VPC endpoint policy, allows nothing that matches.
    case guardrailDoesNotAllow(PolicyLayer, levelName: String)
    case publicAccessBlocked
    case resourcePolicyDoesNotAllow(ResourceRefusal)
    case identitySideDoesNotAllow(IdentityRefusal, crossAccount: Bool)
}

/// Why the resource side refused.
package enum ResourceRefusal: Sendable, Hashable {
    /// The caller has no identity-based policies, so the resource-based policy had to allow.
    case callerWithoutIdentityPolicies(policyExists: Bool)
    /// A cross-account request needs the resource-based policy to allow.
    case crossAccount(policyExists: Bool)
    /// Role trust policies and KMS key policies must allow the caller themselves.
    case mustAllowCaller(policyExists: Bool, identityAllows: Bool)
}

/// Why the identity side refused.
package enum IdentityRefusal: Sendable, Hashable {
    case noIdentityAllow(resourcePolicyTrustsAccount: Bool)
    case boundaryDoesNotAllow
    case sessionPolicyDoesNotAllow
    /// A federated-user session has only what its session policy passes.
    case sessionPolicyRequired
}

/// The kind of resource-based policy a request meets, as explanations name it.
package enum ResourcePolicyKind: String, Sendable, Hashable {
    case trustPolicy = "role trust policy"
    case keyPolicy = "key policy"
    case resourceBased = "resource-based policy"
}
