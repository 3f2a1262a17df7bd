import PolicyModel

/// Rules of a service that decide a request whatever the policies say. The id is stable: it is
/// what `deniedBy` prints for a refusal.
package enum ServiceRule: String, Sendable, Hashable, CaseIterable {
    /// "No permissions are required to perform this operation", even against an explicit deny
    /// (STS API Reference, GetCallerIdentity).
    case callerIdentityNeedsNoPermission = "sts.get-caller-identity"
    /// "You cannot call AssumeRole with the access key for the root user" (STS API Reference,
    /// AssumeRole).
    case rootCannotAssumeRoles = "sts.root-cannot-assume-role"
    /// "You cannot change the permissions defined in AWS managed policies" (IAM User Guide,
    /// "AWS managed policies"): they live in the `aws` account, not the customer's.
    case awsManagedPoliciesAreReadOnly = "iam.aws-managed-policy"
    /// Roles under `/aws-service-role/` belong to their service ("Using service-linked roles":
    /// only the service may change them; they are deleted with `iam:DeleteServiceLinkedRole`)
    /// and roles under `/aws-reserved/` to IAM Identity Center ("Permission sets": changed only
    /// through the permission set). They can still be passed.
    case reservedRolePathsAreReadOnly = "iam.reserved-role-path"
    /// "The alias name cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS
    /// managed keys" (AWS KMS API Reference, CreateAlias; likewise UpdateAlias and DeleteAlias).
    case awsManagedKeyAliasesAreReserved = "kms.aws-managed-alias"

    /// The AWS page each rule follows.
    package var source: String {
        switch self {
        case .callerIdentityNeedsNoPermission: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html"
        case .rootCannotAssumeRoles: "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"
        case .awsManagedPoliciesAreReadOnly: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies"
        case .reservedRolePathsAreReadOnly: "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html"
        case .awsManagedKeyAliasesAreReserved: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html"
        }
    }

    /// Changes to a managed policy itself (attaching it changes the role, user or group instead).
    static let policyChanges: Set<String> = [
        "iam:createpolicy", "iam:createpolicyversion", "iam:deletepolicy", "iam:deletepolicyversion",
        "iam:setdefaultpolicyversion", "iam:tagpolicy", "iam:untagpolicy",
    ]

    /// Changes to a role. `iam:UpdateRoleDescription` is missing on purpose ("you can edit the
    /// description of a service-linked role"), and so is `iam:PassRole`: passing is not a change,
    /// and EC2 Auto Scaling documents passing its service-linked roles with a custom suffix.
    static let roleChanges: Set<String> = [
        "iam:createrole", "iam:deleterole", "iam:updaterole", "iam:updateassumerolepolicy",
        "iam:putrolepolicy", "iam:deleterolepolicy", "iam:attachrolepolicy", "iam:detachrolepolicy",
        "iam:putrolepermissionsboundary", "iam:deleterolepermissionsboundary",
        "iam:tagrole", "iam:untagrole",
    ]

    static let aliasChanges: Set<String> = ["kms:createalias", "kms:updatealias", "kms:deletealias"]

    /// The rule that refuses a change to an AWS-owned resource, if any.
    /// - Parameter lowercasedAction: the request's action, lower-cased.
    static func protectedResource(lowercasedAction action: String, resource: SplitARN) -> ServiceRule? {
        // The resource tests are cheap and rarely pass; the action sets are asked only then.
        guard let part = resource.resourcePart else { return nil }
        if action.hasPrefix("iam:") {
            if resource.account == "aws", part.hasPrefix("policy/"), policyChanges.contains(action) {
                return .awsManagedPoliciesAreReadOnly
            }
            if part.hasPrefix("role/aws-service-role/") || part.hasPrefix("role/aws-reserved/"), roleChanges.contains(action) {
                return .reservedRolePathsAreReadOnly
            }
        } else if action.hasPrefix("kms:"), part.hasPrefix("alias/aws/"), aliasChanges.contains(action) {
            return .awsManagedKeyAliasesAreReserved
        }
        return nil
    }
}
