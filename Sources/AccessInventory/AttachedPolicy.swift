import PolicyEvaluation
import PolicyModel

/// A policy that applies to a principal, with how it got there and where that was written.
package struct AttachedPolicy: Sendable, Hashable {
    package enum Attachment: Sendable, Hashable {
        /// Written into the principal (a role's `Policies`, a snapshot's `RolePolicyList`).
        case inline(name: String)
        /// A managed policy named by ARN; `awsManaged` for `arn:…:iam::aws:policy/…`.
        case managed(arn: String, awsManaged: Bool)
        /// A template `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy` that lists the principal.
        case policyResource(logicalId: String)
        /// Through membership of a group.
        indirect case group(name: String, via: Attachment)
    }

    package var policy: NamedPolicy
    package var attachment: Attachment
    /// Where the attachment is written (the ARN in `ManagedPolicyArns`, the inline policy, the
    /// policy resource).
    package var location: SourceLocation

    package init(policy: NamedPolicy, attachment: Attachment, location: SourceLocation) {
        self.policy = policy
        self.attachment = attachment
        self.location = location
    }

    /// The name a reader knows the policy by: an AWS managed policy's name, else its id.
    package var displayName: String {
        var attachment = self.attachment
        while case .group(_, let via) = attachment { attachment = via }
        if case .managed(let arn, true) = attachment, let name = arn.split(separator: "/").last { return String(name) }
        return policy.id
    }

    /// True for an AWS managed policy, directly or through a group.
    package var isAWSManaged: Bool {
        var attachment = self.attachment
        while case .group(_, let via) = attachment { attachment = via }
        if case .managed(_, true) = attachment { return true }
        return false
    }
}

/// A policy the input names but does not contain: not in the template, the account snapshot or
/// the embedded catalogue. Recorded for every principal, never dropped.
package struct UnresolvedPolicy: Sendable, Hashable {
    package enum Role: String, Sendable, Hashable {
        case managedPolicy = "managed policy"
        case permissionsBoundary = "permissions boundary"
    }

    package var arn: String
    package var role: Role
    package var location: SourceLocation

    package init(arn: String, role: Role, location: SourceLocation) {
        self.arn = arn
        self.role = role
        self.location = location
    }
}
