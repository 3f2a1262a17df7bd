import PolicyEvaluation
import PolicyModel
import TemplateParsing

/// A role of the stack with every policy that applies to its sessions, ready for the evaluator.
package struct StackRole: Sendable {
    package var logicalId: String
    package var name: String
    package var arn: String
    /// The template or account snapshot the role comes from, and where in it.
    package var file: String
    package var position: SourcePosition
    package var trust: NamedPolicy
    /// Inline policies, `AWS::IAM::Policy`/`ManagedPolicy` resources attached to the role, and the
    /// AWS managed policies it names (documents from the embedded catalogue).
    package var policies: [NamedPolicy]
    package var boundary: NamedPolicy?
    /// AWS managed policies the role names, with where the template names them.
    package var managedPolicies: [AttachedManagedPolicy]
    /// Managed policy ARNs that neither the template nor the catalogue knows.
    package var unresolvedManagedPolicies: [Located<String>]

    package var location: SourceLocation { SourceLocation(file: file, position: position) }

    package func location(_ position: SourcePosition) -> SourceLocation { SourceLocation(file: file, position: position) }

    /// The ARN of a session of this role, as the role's callers appear to other services.
    package func sessionARN(sessionName: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return arn }
        return "arn:\(parts[1]):sts::\(parts[4]):assumed-role/\(name)/\(sessionName)"
    }

    package var account: String? { SplitARN(arn).account }

    /// The role's identity-based policies with its permissions boundary, as the evaluator takes them.
    package var identityPolicies: PolicySet {
        PolicySet(identity: policies, permissionsBoundary: boundary.map { [$0] })
    }

    /// A request by a session of this role to a resource of the same stack, with what AWS puts in
    /// the context. The organization is not in a template, so it stays symbolic: a policy that
    /// tests it makes the answer unknown rather than wrong.
    package func sessionRequest(
        _ action: String, _ resource: String, sessionName: String, context: [String: ContextValue] = [:]
    ) -> AuthorizationRequest {
        let account = self.account ?? SymbolToken.make("AWS.AccountId")
        let sessionContext: [String: ContextValue] = [
            "aws:PrincipalArn": .single(arn),
            "aws:PrincipalAccount": .single(account),
            "aws:ResourceAccount": .single(account),
            "aws:PrincipalType": .single("AssumedRole"),
            "aws:PrincipalOrgID": .single(SymbolToken.make("AWS.PrincipalOrgID")),
            "aws:SecureTransport": .single("true"),
        ]
        return AuthorizationRequest(
            principal: RequestPrincipal(sessionARN(sessionName: sessionName)), action: action, resource: resource,
            resourceAccount: self.account, context: RequestContext(sessionContext.merging(context) { _, new in new }))
    }
}

/// An AWS managed policy attached by ARN.
package struct AttachedManagedPolicy: Sendable {
    package var name: String
    package var arn: Located<String>
    package var policy: NamedPolicy
}
