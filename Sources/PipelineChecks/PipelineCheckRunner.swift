import AccessInventory
import PipelineRequirements

/// Runs the six pipeline checks, in their stable order, for the inventory's pipeline (OSIS reads
/// one table per pipeline; the first pipeline is checked).
package enum PipelineCheckRunner {
    /// In report order; the trust check is first.
    static let checks: [any StackCheck] = [
        PipelineRoleTrustCheck(), DynamoDBExportCheck(), DynamoDBStreamCheck(), S3ExportCheck(), OpenSearchSinkCheck(), DashboardsCognitoCheck(),
    ]

    /// - Parameter requirements: the first pipeline's requirements; nil when the inventory has
    ///   no pipeline.
    package static func run(_ inventory: Inventory, requirements: PipelineRequirements?) -> [CheckResult] {
        var context = CheckContext(inventory: inventory, requirements: requirements)
        // The trust check runs first: a role it refuses blocks the checks that run as that role.
        let trust = PipelineRoleTrustCheck().run(context)
        context.untrustedRoles = PipelineRoleTrustCheck.untrustedRoles(trust, in: inventory)
        return [trust] + checks.dropFirst().map { $0.run(context) }
    }
}
