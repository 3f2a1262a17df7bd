import PipelineRequirements
import PolicyModel
import PolicyParsing

/// One statement of a generated policy, with the requirements it serves. Values may hold symbol
/// tokens (`⟦Ref.Role⟧`): the evaluator proves the statement with them, and the renderers write
/// them as CloudFormation substitutions.
package struct GeneratedStatement: Sendable {
    package struct Principal: Sendable, Hashable {
        /// `AWS`, `Service` or `Federated`; nil for everyone (`"Principal": "*"`).
        package var kind: String?
        package var values: [String]

        package static let everyone = Principal(kind: nil, values: [])
        package static func aws(_ arns: [String]) -> Principal { Principal(kind: "AWS", values: arns) }
        package static func service(_ name: String) -> Principal { Principal(kind: "Service", values: [name]) }
        package static func federated(_ name: String) -> Principal { Principal(kind: "Federated", values: [name]) }
    }

    package struct Condition: Sendable, Hashable {
        package var operatorName: String
        package var key: String
        package var values: [String]

        package init(_ operatorName: String, _ key: String, _ values: [String]) {
            self.operatorName = operatorName
            self.key = key
            self.values = values
        }
    }

    package var sid: String
    package var effect: Effect
    package var principal: Principal?
    package var actions: [String]
    package var resources: [String]
    package var conditions: [Condition]
    /// The requirements it grants, in requirement order. A Deny serves none: it guards, and the
    /// proof checks it with a request it must refuse (`guards`).
    package var serves: [RequiredRequest]
    /// For a Deny: the requests it must refuse.
    package var guards: [RequiredRequest]

    package init(
        sid: String, effect: Effect = .allow, principal: Principal? = nil, actions: [String], resources: [String],
        conditions: [Condition] = [], serves: [RequiredRequest] = [], guards: [RequiredRequest] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
        self.serves = serves
        self.guards = guards
    }

    /// The statement as IAM JSON, tokens kept; one-entry lists as bare strings, as the printer does.
    var json: JSONOutput {
        func list(_ values: [String]) -> JSONOutput { values.count == 1 ? .string(values[0]) : .array(values.map(JSONOutput.string)) }
        var members: [(String, JSONOutput)] = [("Sid", .string(sid)), ("Effect", .string(effect.rawValue))]
        if let principal {
            members.append(("Principal", principal.kind.map { .object([($0, list(principal.values))]) } ?? .string("*")))
        }
        members.append(("Action", list(actions)))
        // A trust policy names no resource: the role it is attached to is the resource.
        if !resources.isEmpty { members.append(("Resource", list(resources))) }
        if !conditions.isEmpty {
            members.append(("Condition", .object(conditionsByOperator.map { name, clauses in
                (name, .object(clauses.map { ($0.key, list($0.values)) }))
            })))
        }
        return .object(members)
    }

    /// The conditions grouped under their operators, operators in order of first appearance, as
    /// a `Condition` block writes them.
    package var conditionsByOperator: [(String, [Condition])] { conditions.groupedInOrder(by: \.operatorName) }
}
