import PolicyModel

/// One request to decide: who, which action, on what, with which context.
package struct AuthorizationRequest: Sendable, Hashable {
    package var principal: RequestPrincipal
    package var action: String
    /// The resource ARN, or `*` for actions that take no resource.
    package var resource: String
    /// The account that owns the resource. S3 ARNs carry no account, so callers give it; when
    /// nil it is read from the resource ARN, and if that has none the resource is taken to be
    /// in the principal's account.
    package var resourceAccount: String?
    /// True for actions that take no resource (such as `s3:ListAllMyBuckets`): the resource is
    /// then `*`, and only a policy `Resource` of `*` covers it.
    package var wildcardOnlyAction: Bool
    package var context: RequestContext

    package init(
        principal: RequestPrincipal, action: String, resource: String, resourceAccount: String? = nil,
        wildcardOnlyAction: Bool = false, context: RequestContext = RequestContext()
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount
        self.wildcardOnlyAction = wildcardOnlyAction
        self.context = context
    }
}

/// A policy document with the name explanations use for it, such as `identity[0]`. A shared,
/// immutable reference: policy sets are copied into every evaluation.
package final class NamedPolicy: Sendable, Hashable {
    package let id: String
    package let document: PolicyDocument
    /// Whether a value of the document is a symbolic `⟦…⟧` token (worked out once, here, so
    /// evaluations know when unknowns are possible).
    let mentionsSymbols: Bool
    /// Set for a policy the inputs name but do not contain (a managed policy in neither the
    /// template, the snapshot nor the catalogue; the bucket policy of a bucket defined elsewhere):
    /// any statement could be in it, so every decision it takes part in is undetermined unless
    /// other layers decide it whatever it says. `document` is then empty.
    package let unknownContent: UnknownPolicyContent?

    package init(id: String, document: PolicyDocument) {
        self.id = id
        self.document = document
        self.mentionsSymbols = Unknowns.documentMentionsSymbols(document)
        self.unknownContent = nil
    }

    /// A policy whose statements are not in the inputs; `reason` says why, naming it.
    package init(unknown id: String, reason: String, position: SourcePosition = .unknown) {
        self.id = id
        self.document = PolicyDocument(version: .v2012_10_17, statements: [])
        self.mentionsSymbols = false
        self.unknownContent = UnknownPolicyContent(reason: reason, position: position)
    }

    package static func == (lhs: NamedPolicy, rhs: NamedPolicy) -> Bool {
        lhs === rhs || (lhs.id == rhs.id && lhs.document == rhs.document && lhs.unknownContent == rhs.unknownContent)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(document)
    }
}

/// Why a policy's statements are unknown, and where the inputs name it.
package struct UnknownPolicyContent: Sendable, Hashable {
    /// E.g. "managed policy `arn:aws:iam::123456789012:policy/Boundary` is not in the template,
    /// the account snapshot or the catalogue".
    package var reason: String
    package var position: SourcePosition

    package init(reason: String, position: SourcePosition) {
        self.reason = reason
        self.position = position
    }
}

/// One level of an AWS Organization (root, an OU, or the account) with the SCPs or RCPs
/// attached there. Every level must allow; within a level the policies are a union.
package struct PolicyLevel: Sendable, Hashable {
    package var name: String
    package var policies: [NamedPolicy]

    package init(name: String, policies: [NamedPolicy]) {
        self.name = name
        self.policies = policies
    }
}

/// Every policy that takes part in deciding one request.
package struct PolicySet: Sendable, Hashable {
    package var identity: [NamedPolicy]
    package var session: NamedPolicy?
    /// nil when the principal has no permissions boundary. AWS attaches one boundary policy; the
    /// documents here form it together (a union), as the case format lists them, and the boundary
    /// must allow.
    package var permissionsBoundary: [NamedPolicy]?
    /// Bucket policy, key policy, domain access policy, or for `sts:AssumeRole*` the trust policy.
    package var resource: NamedPolicy?
    package var serviceControlPolicies: [PolicyLevel]
    package var resourceControlPolicies: [PolicyLevel]
    /// nil when the request did not pass through a VPC endpoint.
    package var vpcEndpoint: [NamedPolicy]?
    /// The bucket owner's effective S3 `RestrictPublicBuckets` setting (nil when unknown).
    package var s3RestrictPublicBuckets: Bool?

    package init(
        identity: [NamedPolicy] = [], session: NamedPolicy? = nil, permissionsBoundary: [NamedPolicy]? = nil,
        resource: NamedPolicy? = nil, serviceControlPolicies: [PolicyLevel] = [], resourceControlPolicies: [PolicyLevel] = [],
        vpcEndpoint: [NamedPolicy]? = nil, s3RestrictPublicBuckets: Bool? = nil
    ) {
        self.identity = identity
        self.session = session
        self.permissionsBoundary = permissionsBoundary
        self.resource = resource
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
        self.vpcEndpoint = vpcEndpoint
        self.s3RestrictPublicBuckets = s3RestrictPublicBuckets
    }
}
