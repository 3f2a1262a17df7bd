import PolicyEvaluation
import PolicyModel

/// Who can reach what: principals and resources as nodes, and edges that each carry the
/// evaluator's decision and the statements behind it (never re-matched here). An edge exists
/// only where the access is allowed or undetermined.
package struct AccessGraph: Sendable {
    package enum NodeKind: String, Sendable, Hashable {
        case role, user, servicePrincipal = "service-principal", federatedPrincipal = "federated-principal", account, resource
        /// Several roles one edge reaches alike (all roles a principal may pass to a service):
        /// `members` lists them, and queries expand it, so a wildcard grant is one edge, not one per role.
        case roleSet = "role-set"
        /// Several principals one edge leaves from alike (all principals a trust policy naming
        /// `*` lets in): `members` lists them.
        case principalSet = "principal-set"
        /// An IAM group, drawn when a `can-escalate` edge lets a user join it.
        case group
    }

    package struct Node: Sendable, Hashable {
        package var id: String
        package var kind: NodeKind
        package var label: String
        /// For a `role-set`: the ids of the roles it stands for, sorted; empty for other nodes.
        package var members: [String]

        package init(id: String, kind: NodeKind, label: String, members: [String] = []) {
            self.id = id
            self.kind = kind
            self.label = label
            self.members = members
        }
    }

    package enum EdgeKind: String, Sendable, Hashable, CaseIterable {
        /// `sts:AssumeRole*`: the role's trust policy and the caller's own policies allow it.
        case canAssume = "can-assume"
        /// `iam:PassRole` to a service the role trusts (`iam:PassedToService`).
        case canPassRole = "can-pass-role"
        /// Actions on a resource.
        case canAct = "can-act"
        /// The caller can obtain the target's permissions by another way than `sts:AssumeRole`:
        /// changing the target's policies or credentials, or passing the role to a service that
        /// runs the caller's code with it (`technique` names which; `EscalationTechnique`).
        case canEscalate = "can-escalate"
    }

    /// An edge's own vocabulary: it exists because the access is allowed, or because unknown
    /// values could allow it.
    package enum EdgeStatus: String, Sendable, Hashable {
        case allowed
        case undetermined
    }

    package struct Edge: Sendable, Hashable {
        package var from: String
        package var to: String
        package var kind: EdgeKind
        /// The actions the edge stands for.
        package var actions: [String]
        /// For `can-pass-role`: the service the role is passed to; for a `can-escalate` that
        /// passes a role, the service that runs the caller's code.
        package var service: String?
        /// For `can-escalate`: the technique's name (`iam.put-role-policy`, `lambda.create-function`).
        package var technique: String?
        package var status: EdgeStatus
        package var reason: String
        package var evidence: [StatementRef]

        package init(from: String, to: String, kind: EdgeKind, actions: [String], service: String? = nil, technique: String? = nil,
                     status: EdgeStatus, reason: String, evidence: [StatementRef]) {
            self.from = from
            self.to = to
            self.kind = kind
            self.actions = actions
            self.service = service
            self.technique = technique
            self.status = status
            self.reason = reason
            self.evidence = evidence
        }
    }

    package var nodes: [Node]
    package var edges: [Edge]

    package init(nodes: [Node], edges: [Edge]) {
        self.nodes = nodes
        self.edges = edges
    }

    /// Chains of edges that end at `target`, the last one granting `action` when given: each
    /// chain starts at a principal nothing else leads to, or stops after `maximumLength` edges.
    /// Passing a role to a service does not give the passer the role's access, so `can-pass-role`
    /// edges end chains rather than extend them; at most `maximumPaths` chains are returned. An
    /// edge into a `role-set` counts as an edge into each member.
    package func paths(to target: String, action: String? = nil, maximumLength: Int = 4, maximumPaths: Int = 200) -> [[Edge]] {
        let incoming = Dictionary(grouping: edges, by: \.to)
        // An edge into a set of roles reaches each member.
        var setsOf: [String: [String]] = [:]
        for node in nodes { for member in node.members { setsOf[member, default: []].append(node.id) } }
        var result: [[Edge]] = []
        func walk(_ node: String, _ suffix: [Edge]) {
            guard result.count < maximumPaths else { return }
            let into = ([node] + (setsOf[node] ?? [])).flatMap { incoming[$0] ?? [] }.filter { edge in
                guard suffix.isEmpty || edge.kind != .canPassRole else { return false }
                guard !suffix.contains(where: { $0.from == edge.from || $0.to == edge.from }) else { return false }
                guard suffix.isEmpty, let action else { return true }
                return edge.actions.contains { $0.lowercased() == action.lowercased() }
            }
            if into.isEmpty || suffix.count == maximumLength {
                if !suffix.isEmpty { result.append(suffix) }
                return
            }
            for edge in into { walk(edge.from, [edge] + suffix) }
        }
        walk(target, [])
        return result.sorted { $0.map(\.from).joined(separator: " > ") < $1.map(\.from).joined(separator: " > ") }
    }
}
