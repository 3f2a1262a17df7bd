import PolicyEvaluation
import PolicyModel

/// One `accessgraph-case/v1` test case: a request, its policies and the decision AWS would give
/// (`../shared/conformance/FORMAT.md`).
package struct ConformanceCase: Sendable {
    package struct ExpectedStatement: Sendable, Hashable, CustomStringConvertible {
        package var policy: String
        package var sid: String?
        package var index: Int?

        package var description: String {
            var text = policy
            if let index { text += " statement \(index)" }
            if let sid { text += " (\(sid))" }
            return text
        }

        func matches(_ ref: StatementRef) -> Bool {
            ref.policy == policy && (index.map { $0 == ref.index } ?? true) && (sid.map { $0 == ref.sid } ?? true)
        }
    }

    package var id: String
    package var name: String?
    package var source: String?
    package var file: String
    package var request: AuthorizationRequest
    /// True when the case did not say whether the action takes a resource and the catalogue
    /// must be asked.
    package var wildcardOnlyFromCatalogue: Bool
    package var policies: PolicySet
    package var expectedDecision: Decision
    package var expectedMatched: [ExpectedStatement]?
    /// `expected.deniedBy`: the layer that must refuse an implicit deny (an AccessGraph addition
    /// to the format; cases without it stay valid).
    package var expectedDeniedBy: PolicyLayer?
}
