import AccessInventory
import PipelineRequirements
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// A resource the graph asks about: the inventory's resources, and the sub-resources the
/// pipeline requirements touch (the stream, the export, objects under the export prefix, the
/// domain's indexes). Each is asked about the actions the requirements need there and every
/// read, write and permissions-management action the catalogue lists for its resource type
/// (listing and tagging are left out: they say little about who can reach the data).
struct GraphTarget: Sendable {
    /// The resource's ARN, or for a sub-resource the ARN pattern a policy would grant.
    var id: String
    var label: String
    /// The ARN the requests name.
    var arn: String
    var actions: [String]
    var policy: NamedPolicy?
    var restrictPublicBuckets: Bool?

    static let askedLevels: Set<AccessLevel> = [.read, .write, .permissionsManagement]

    static func targets(inventory: Inventory, catalogue: ServiceCatalogue, requirements: [PipelineRequirements]) -> [GraphTarget] {
        var byId: [String: GraphTarget] = [:]
        var order: [String] = []
        func add(id: String, label: String, arn: String, actions: [String], owner: InventoryResource?) {
            if byId[id] == nil {
                order.append(id)
                let bucket = inventory.buckets.first { $0.identity.arn == owner?.identity.arn }
                byId[id] = GraphTarget(id: id, label: label, arn: arn, actions: [], policy: owner?.policy?.policy,
                                       restrictPublicBuckets: bucket?.restrictPublicBuckets)
                byId[id]?.actions = catalogueActions(arn, catalogue: catalogue)
            }
            for action in actions where byId[id]?.actions.contains(action) == false { byId[id]?.actions.append(action) }
        }
        let resources = inventory.resources
        for resource in resources {
            add(id: resource.identity.arn, label: resource.identity.label, arn: resource.identity.arn, actions: [], owner: resource)
        }
        for requirement in requirements.flatMap(\.requests) {
            guard case .roleSession = requirement.caller else { continue }
            // The inventory resource the request's resource belongs to (itself or a sub-resource).
            let owner = resources.first { requirement.resource == $0.identity.arn || requirement.resource.hasPrefix($0.identity.arn + "/") }
            if let owner, requirement.grantScope == owner.identity.arn {
                add(id: owner.identity.arn, label: owner.identity.label, arn: owner.identity.arn, actions: [requirement.action], owner: owner)
            } else {
                // Named after its owner and the path below it: `Table /stream/*`, `Bucket /prefix/*`.
                let label = owner.map { "\($0.identity.label) \(requirement.grantScope.dropFirst($0.identity.arn.count))" } ?? requirement.grantScope
                add(id: requirement.grantScope, label: label, arn: requirement.resource, actions: [requirement.action], owner: owner)
            }
        }
        return order.compactMap { byId[$0] }
    }

    /// Read, write and permissions-management actions that apply to the resource type of `arn`.
    static func catalogueActions(_ arn: String, catalogue: ServiceCatalogue) -> [String] {
        guard let type = catalogue.resourceType(ofARN: arn), let service = catalogue.service(type.service) else { return [] }
        return service.actions.filter { action in
            askedLevels.contains(action.accessLevel) && action.resourceTypes.contains { $0.name == type.name }
        }.map(\.qualifiedName)
    }
}
