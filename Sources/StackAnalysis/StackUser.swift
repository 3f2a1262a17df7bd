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
}
