import AccessInventory
import PipelineRequirements
import PolicyModel
import ServiceCatalog

/// Builds the access graph of an inventory: one edge checker per edge kind, over the
/// inventory's principals and the targets its resources and pipeline requirements give.
package enum AccessGraphBuilder {
    static let checkers: [any EdgeChecker] = [AssumeRoleEdgeChecker(), PassRoleEdgeChecker(), ResourceAccessEdgeChecker(), EscalationEdgeChecker()]

    /// How many roles one answer must reach before its edges go to a `role-set` node.
    package static let defaultSetThreshold = 16

    package static func build(_ inventory: Inventory, catalogue: ServiceCatalogue, setThreshold: Int = defaultSetThreshold) -> AccessGraph {
        let requirements = inventory.pipelines.map { PipelineRequirements(pipeline: $0, inventory: inventory) }
        let context = GraphContext(
            inventory: inventory, catalogue: catalogue, requirements: requirements,
            targets: GraphTarget.targets(inventory: inventory, catalogue: catalogue, requirements: requirements), setThreshold: setThreshold)
        var nodes = NodeSet()
        for principal in inventory.principals { nodes.add(principal.arn, principal.kind == .role ? .role : .user, principal.label) }
        for target in context.targets { nodes.add(target.id, .resource, target.label) }
        let edges = checkers.flatMap { $0.edges(context, nodes: &nodes) }
            .sorted { ($0.from, $0.to, $0.kind.rawValue, $0.service ?? "", $0.technique ?? "") < ($1.from, $1.to, $1.kind.rawValue, $1.service ?? "", $1.technique ?? "") }
        return AccessGraph(nodes: nodes.sorted, edges: edges)
    }
}
