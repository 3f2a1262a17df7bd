import AccessInventory
import PipelineRequirements
import ServiceCatalog

/// One family of findings. Each lives in its own file; `FindingRunner` runs them all.
protocol FindingRule: Sendable {
    func findings(_ context: FindingContext) -> [Finding]
}

/// What every finding rule reads.
struct FindingContext {
    let inventory: Inventory
    let catalogue: ServiceCatalogue
    /// The requirements of every pipeline of the inventory.
    let requirements: [PipelineRequirements]
    /// An audited account rather than a stack: the rules look at every role and user, not only
    /// those the pipelines use.
    let accountWide: Bool

    /// The roles the pipelines run as, each once, in ARN order.
    var pipelineRoles: [InventoryPrincipal] {
        Array(Set(requirements.flatMap(\.pipeline.roleARNs))).sorted().compactMap(inventory.role(arn:))
    }
}

/// Runs every finding rule; findings come out in a stable order (resource, id, message).
package enum FindingRunner {
    static let rules: [any FindingRule] = [
        OverPrivilegeRule(), PipelineTrustRule(), PipelineLoggingRule(), PipelineConfigurationRule(), OpenSearchStarOnStarRule(), PassRoleOnEveryRoleRule(),
        DomainAccessPolicyRule(), DomainProtectionRule(), CollectionNetworkRule(),
    ]

    /// - Parameter requirements: each pipeline's requirements, in inventory order.
    /// - Parameter accountWide: an audited account, whose every role and user the rules read.
    package static func run(_ inventory: Inventory, catalogue: ServiceCatalogue, requirements: [PipelineRequirements], accountWide: Bool = false) -> [Finding] {
        let context = FindingContext(inventory: inventory, catalogue: catalogue, requirements: requirements, accountWide: accountWide)
        return rules.flatMap { $0.findings(context) }
            .sorted { ($0.resource, $0.id.rawValue, $0.message) < ($1.resource, $1.id.rawValue, $1.message) }
    }
}

/// The main job: an inventory in, checks and findings out: the pipeline checks of every
/// pipeline, each labelled with it, the Dashboards check of every domain with Cognito sign-in,
/// and the findings.
package enum StackAnalyzer {
    /// - Parameter accountWide: an audited account rather than a stack (`FindingContext.accountWide`).
    package static func analyze(_ inventory: Inventory, catalogue: ServiceCatalogue, accountWide: Bool = false) -> StackReport {
        let requirements = inventory.pipelines.map { PipelineRequirements(pipeline: $0, inventory: inventory) }
        return StackReport(name: inventory.name, checks: PipelineCheckRunner.run(inventory, requirements: requirements),
                           findings: FindingRunner.run(inventory, catalogue: catalogue, requirements: requirements, accountWide: accountWide))
    }
}
