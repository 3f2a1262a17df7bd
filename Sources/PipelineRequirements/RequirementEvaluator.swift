import AccessInventory
import PolicyEvaluation
import PolicyModel

/// Evaluates required requests against an inventory with the `Authorizer`: the caller's
/// policies, the resource-based policy that governs the resource, and S3 Block Public Access.
/// The checks and (later) the generator's proof go through here, so they decide alike.
package struct RequirementEvaluator: Sendable {
    package let inventory: Inventory
    let authorizer = Authorizer()

    package init(inventory: Inventory) {
        self.inventory = inventory
    }

    /// The request as the caller would send it, and the policies that decide it; nil when the
    /// caller is a role or user the inventory does not have.
    package func authorization(for requirement: RequiredRequest) -> (AuthorizationRequest, PolicySet)? {
        var request: AuthorizationRequest
        var policies: PolicySet
        var callerAccount: String?
        switch requirement.caller {
        case .roleSession(let roleARN, let sessionName):
            guard let role = inventory.role(arn: roleARN) else { return nil }
            request = role.request(requirement.action, on: requirement.resource, sessionName: sessionName, context: requirement.context)
            policies = role.identityPolicies
            callerAccount = role.account
        case .user(let arn):
            guard let user = inventory.users.first(where: { $0.arn == arn }) else { return nil }
            request = user.request(requirement.action, on: requirement.resource, context: requirement.context)
            policies = user.identityPolicies
            callerAccount = user.account
        case .service(let name), .webIdentity(let name):
            request = AuthorizationRequest(principal: RequestPrincipal(name), action: requirement.action, resource: requirement.resource,
                                           resourceAccount: SplitARN(requirement.resource).account, context: RequestContext(requirement.context))
            policies = PolicySet()
        }
        // A resource-based policy the inputs do not hold takes part as one whose statements are
        // unknown: the evaluator then says which decisions it could lead to.
        switch requirement.resourcePolicy {
        case .none, .collectionDataAccess:
            // A collection's data access policies are no IAM policy: `evaluate` decides with them.
            break
        case .trustPolicy(let roleARN):
            policies.resource = inventory.role(arn: roleARN)?.trust
                ?? NamedPolicy(unknown: "trust policy of \(roleARN)", reason: "role `\(roleARN)` is not in the inputs, so its trust policy is unknown "
                    + "(a template that defines it, or `aws iam get-account-authorization-details`, would tell)")
        case .bucketPolicy(let name):
            if let bucket = inventory.bucket(named: name) {
                policies.resource = bucket.policy?.policy
                policies.s3RestrictPublicBuckets = bucket.restrictPublicBuckets
            } else {
                policies.resource = NamedPolicy(unknown: "bucket policy of \(name)",
                                                reason: "bucket `\(name)` is not in the inputs, so its bucket policy is unknown "
                                                    + "(a template that defines it, or `aws s3api get-bucket-policy --bucket \(name)`, would tell)")
            }
        case .domainPolicy(let label):
            policies.resource = inventory.domains.first { $0.identity.label == label }?.accessPolicy?.policy
        case .keyPolicy(let value):
            // KMS decides on the key's own policy; without it nothing is known.
            policies.resource = inventory.key(value)?.policy?.policy
                ?? NamedPolicy(unknown: "key policy of \(value)", reason: inventory.key(value) == nil
                    ? "key `\(value)` is not in the inputs, so its key policy is unknown (a template that defines it, or `aws kms get-key-policy`, would tell)"
                    : "key `\(value)` has no `KeyPolicy` in the template, so its key policy is unknown")
        }
        // An audited member account's SCPs govern its principals; its RCPs, its resources.
        if let controls = inventory.organization {
            policies.serviceControlPolicies = controls.serviceControlPolicies(callerAccount: callerAccount)
            policies.resourceControlPolicies = controls.resourceControlPolicies(action: requirement.action, resourceAccount: resourceAccount(requirement.resource))
        }
        return (request, policies)
    }

    /// The account a resource belongs to: its ARN's, or for an S3 ARN (which names none) the
    /// inventory's when the bucket is one of its own.
    func resourceAccount(_ arn: String) -> String? {
        let split = SplitARN(arn)
        if let account = split.account, !account.isEmpty { return account }
        guard split.service == "s3", let bucket = split.resourcePart?.split(separator: "/").first, inventory.bucket(named: String(bucket)) != nil else { return nil }
        return inventory.account
    }

    /// nil when the caller is a role or user the inventory does not have.
    package func evaluate(_ requirement: RequiredRequest) -> EvaluatedRequest? {
        if case .collectionDataAccess(let name) = requirement.resourcePolicy {
            return CollectionDataAccess(inventory: inventory).evaluate(requirement, collection: name)
        }
        guard let (request, policies) = authorization(for: requirement) else { return nil }
        let result = authorizer.authorize(request, policies: policies)
        func meets(_ decision: Decision) -> Bool { requirement.expectation == .allow ? decision == .allow : decision != .allow }
        let possible = result.undetermined?.possibleDecisions ?? [result.decision]
        var verdict: EvaluatedRequest.Verdict = meets(result.decision) ? .met : .unmet
        var reason = result.reason
        if let miss = result.nearMisses.first, result.decision == .implicitDeny, requirement.expectation == .allow {
            reason += "; nearest: \(miss.statement.label): " + miss.mismatches.map(\.detail).joined(separator: "; ")
        }
        var unresolved: [String] = []
        // Open only when the values still unknown could decide it either way.
        if possible.contains(where: meets) && !possible.allSatisfy(meets) {
            verdict = .undetermined
            // An SCP and an RCP level unknown for one missing output say the same thing once.
            unresolved = (result.undetermined?.dependencies ?? []).uniqued()
            reason += "; but " + unresolved.joined(separator: "; ")
        }
        return EvaluatedRequest(requirement: requirement, principal: request.principal.description, decision: result.decision,
                                         verdict: verdict, reason: reason, matched: result.matched, unresolved: unresolved)
    }
}
