import AccessInventory
import PipelineRequirements
import PolicyEvaluation
import PolicyModel

/// What an assertions file may name in a stack: its principals (by logical id, name or ARN), its
/// resources (by logical id or ARN, the principals included, as targets of `sts:AssumeRole` and
/// `iam:PassRole`) and its policies (by id, managed policy name or ARN).
struct StackReferences {
    /// A resource of the inventory, whatever its kind, with the resource-based policy that
    /// governs requests to it.
    struct Resource {
        enum Kind: String {
            case table, bucket, domain, key, role, user, pipeline
            case identityPool = "identity pool"
        }

        var kind: Kind
        var label: String
        var arn: String
        /// The bucket, access, key or trust policy.
        var policy: ResourcePolicy?
        var restrictPublicBuckets: Bool? = nil
        var bucketName: String? = nil

        /// How messages name the policy: `the bucket policy of `X``.
        var policyName: String {
            let noun = switch kind {
            case .bucket: "bucket policy"
            case .domain: "access policy"
            case .key: "key policy"
            case .role: "trust policy"
            default: "resource-based policy"
            }
            return "the \(noun) of `\(label)`"
        }

        /// The resource-based policy that takes part in `action` on this resource (or below it):
        /// a role's trust policy only for the `sts:AssumeRole*` actions.
        func policySource(for action: String) -> RequiredRequest.ResourcePolicySource {
            switch kind {
            case .bucket: .bucketPolicy(bucket: bucketName ?? label)
            case .domain: .domainPolicy(domain: label)
            case .key: .keyPolicy(key: arn)
            case .role where action.lowercased().hasPrefix("sts:assumerole"): .trustPolicy(roleARN: arn)
            default: .none
            }
        }
    }

    let inventory: Inventory
    let resources: [Resource]

    init(_ inventory: Inventory) {
        self.inventory = inventory
        var resources: [Resource] = inventory.tables.map { Resource(kind: .table, label: $0.identity.label, arn: $0.identity.arn) }
        resources += inventory.buckets.map { bucket in
            Resource(kind: .bucket, label: bucket.identity.label, arn: bucket.identity.arn, policy: bucket.policy,
                     restrictPublicBuckets: bucket.restrictPublicBuckets, bucketName: bucket.name)
        }
        resources += inventory.domains.map { Resource(kind: .domain, label: $0.identity.label, arn: $0.identity.arn, policy: $0.accessPolicy) }
        resources += inventory.keys.map { Resource(kind: .key, label: $0.identity.label, arn: $0.identity.arn, policy: $0.policy) }
        resources += inventory.principals.map { principal in
            Resource(kind: principal.kind == .role ? .role : .user, label: principal.label, arn: principal.arn,
                     policy: principal.trust.map { ResourcePolicy(policy: $0, location: principal.location) })
        }
        resources += inventory.pipelines.compactMap { pipeline in
            pipeline.identity.map { Resource(kind: .pipeline, label: $0.label, arn: $0.arn) }
        }
        resources += inventory.identityPools.map { Resource(kind: .identityPool, label: $0.identity.label, arn: $0.identity.arn) }
        self.resources = resources
    }

    // MARK: Principals

    /// A role or user by logical id, ARN (or a token of one) or name.
    func principal(_ value: String) -> InventoryPrincipal? {
        let principals = inventory.principals
        return principals.first { $0.label == value } ?? principals.first { $0.arn == value } ?? inventory.role(arn: value)
            ?? principals.first { $0.name == value }
    }

    /// The caller a request of the file names: a principal of the inventory, or a service.
    func caller(_ value: String) -> RequiredRequest.Caller? {
        if let principal = principal(value) {
            return principal.kind == .role ? .roleSession(roleARN: principal.arn, sessionName: "assertion") : .user(arn: principal.arn)
        }
        if case .service(let name) = RequestPrincipal(value) { return .service(name) }
        return nil
    }

    // MARK: Resources

    /// The resource with this logical id or ARN (or a token of one).
    func resource(_ value: String) -> Resource? {
        let token = SymbolToken.referencedLogicalIds(in: value).first
        return resources.first { $0.label == value } ?? resources.first { $0.arn == value } ?? token.flatMap { id in resources.first { $0.label == id } }
    }

    /// Every resource whose logical id or ARN the pattern matches.
    func resources(matching pattern: WildcardPattern) -> [Resource] {
        resources.filter { pattern.matches($0.label) || pattern.matches($0.arn) }
    }

    /// How a label reports use (a finding's `resource`) is named by the file: a logical id or an
    /// ARN of any resource or principal.
    func label(_ value: String) -> String? {
        resource(value)?.label
    }

    // MARK: Policies

    /// The policies a value names, by the id the evaluator gives them in evidence: a policy id
    /// (a policy resource's logical id, `Role.PolicyName` for inline policies, `Role.AssumeRolePolicyDocument`),
    /// an AWS managed policy's name, a managed policy ARN.
    func policies(_ value: String) -> [String: NamedPolicy] {
        var named: [String: NamedPolicy] = [:]
        for principal in inventory.principals {
            for attached in principal.policies + [principal.boundary].compactMap({ $0 }) where Self.names(attached, value) {
                named[attached.policy.id] = attached.policy
            }
            if let trust = principal.trust, trust.id == value { named[trust.id] = trust }
        }
        for resource in resources {
            if let policy = resource.policy?.policy, policy.id == value { named[policy.id] = policy }
        }
        return named
    }

    private static func names(_ attached: AttachedPolicy, _ value: String) -> Bool {
        if attached.policy.id == value || attached.displayName == value { return true }
        var attachment = attached.attachment
        while case .group(_, let via) = attachment { attachment = via }
        switch attachment {
        case .managed(let arn, _): return arn == value
        case .policyResource(let logicalId): return logicalId == value
        case .inline, .group: return false
        }
    }
}
