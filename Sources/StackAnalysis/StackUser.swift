import PolicyEvaluation
import PolicyModel

/// An IAM user of the stack with its own policies and its groups' (inline and managed).
package struct StackUser: Sendable {
    package var logicalId: String
    package var name: String
    package var arn: String
    package var file: String
    package var position: SourcePosition
    package var policies: [NamedPolicy]
    package var boundary: NamedPolicy?

    package var account: String? { SplitARN(arn).account }

    package var identityPolicies: PolicySet {
        PolicySet(identity: policies, permissionsBoundary: boundary.map { [$0] })
    }

    /// A request signed by the user itself.
    package func request(_ action: String, _ resource: String, context: [String: ContextValue] = [:]) -> AuthorizationRequest {
        let base: [String: ContextValue] = ["aws:PrincipalArn": .single(arn), "aws:SecureTransport": .single("true")]
        return AuthorizationRequest(principal: RequestPrincipal(arn), action: action, resource: resource, resourceAccount: account,
                                    context: RequestContext(base.merging(context) { _, new in new }))
    }
}
