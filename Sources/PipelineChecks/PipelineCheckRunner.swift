import AccessInventory
import PipelineRequirements

/// Runs the six pipeline checks, in their stable order, for the inventory's pipeline (OSIS reads
/// one table per pipeline; the first pipeline is checked).
package enum PipelineCheckRunner {
    static let checks: [any StackCheck] = [
        PipelineRoleTrustCheck(), DynamoDBExportCheck(), DynamoDBStreamCheck(), S3ExportCheck(), OpenSearchSinkCheck(), DashboardsCognitoCheck(),
    ]

    /// - Parameter requirements: each pipeline's requirements, in inventory order (derived here
    ///   when not given).
    package static func run(_ inventory: Inventory, requirements: [PipelineRequirements]? = nil) -> [CheckResult] {
        let requirements = requirements?.first ?? inventory.pipelines.first.map { PipelineRequirements(pipeline: $0, inventory: inventory) }
        var context = CheckContext(inventory: inventory, requirements: requirements)
        context.untrustedRoles = PipelineRoleTrustCheck.untrustedRoles(context)
        return checks.map { $0.run(context) }
    }
}
