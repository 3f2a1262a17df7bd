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
/// the embedded catalogue; or a group the input does not define, whose policies are unknown.
/// Recorded for every principal, never dropped, and evaluated as a policy whose statements are
/// unknown, so every decision it could change is undetermined.
package struct UnresolvedPolicy: Sendable, Hashable {
    package enum Role: String, Sendable, Hashable {
        case managedPolicy = "managed policy"
        case permissionsBoundary = "permissions boundary"
        /// The policies of a group the principal belongs to; `arn` holds the group's name.
        case groupPolicies = "group"
    }

    package let arn: String
    package let role: Role
    package let location: SourceLocation
    /// Why its statements are unknown, naming it and where the input names it.
    package let reason: String
    /// The stand-in the evaluator takes: a policy whose statements are unknown. Made once, as
    /// every evaluation for the principal reads it.
    package let policy: NamedPolicy

    package init(arn: String, role: Role, location: SourceLocation) {
        self.arn = arn
        self.role = role
        self.location = location
        self.reason = Self.reason(arn: arn, role: role, location: location)
        self.policy = NamedPolicy(unknown: role == .groupPolicies ? "policies of group \(arn)" : arn, reason: reason)
    }

    static func reason(arn: String, role: Role, location: SourceLocation) -> String {
        switch role {
        // `where` binds to one pattern only: each needs its own.
        case .managedPolicy where !isPolicyARN(arn), .permissionsBoundary where !isPolicyARN(arn):
            "the \(role.rawValue) `\(arn)` named at \(location) is not a managed policy ARN (`arn:PARTITION:iam::ACCOUNT:policy/NAME`)"
        case .managedPolicy, .permissionsBoundary:
            "the \(role.rawValue) `\(arn)` named at \(location) is in neither the template, the account snapshot nor the embedded catalogue of AWS managed policies"
        case .groupPolicies:
            "the group `\(arn)` named at \(location) is not in the inputs, so its policies are unknown"
        }
    }

    /// `arn:…:iam::…:policy/…`; symbolic parts (an import, a parameter) could be anything.
    static func isPolicyARN(_ text: String) -> Bool {
        if SymbolToken.containsToken(text) { return true }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5].hasPrefix("policy/")
    }
}
