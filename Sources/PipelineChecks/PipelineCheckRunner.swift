import AccessInventory
import PipelineRequirements

/// Runs the checks in their stable order: the five pipeline checks for each pipeline, in
/// inventory order, then the Dashboards sign-in check for each domain that signs users in with
/// Cognito (with or without a pipeline).
package enum PipelineCheckRunner {
    /// In report order; the trust check is first.
    static let pipelineChecks: [any StackCheck] = [
        PipelineRoleTrustCheck(), DynamoDBExportCheck(), DynamoDBStreamCheck(), S3ExportCheck(), OpenSearchSinkCheck(),
    ]

    /// - Parameter requirements: each pipeline's requirements, in inventory order; without any,
    ///   the pipeline checks are skipped once.
    package static func run(_ inventory: Inventory, requirements: [PipelineRequirements]) -> [CheckResult] {
        let evaluator = RequirementEvaluator(inventory: inventory)
        var results: [CheckResult] = []
        if requirements.isEmpty {
            let context = CheckContext(inventory: inventory, requirements: nil, evaluator: evaluator)
            results = pipelineChecks.map { context.noPipeline($0.id) }
        }
        for pipeline in requirements {
            var context = CheckContext(inventory: inventory, requirements: pipeline, evaluator: evaluator)
            // The trust check runs first: a role it refuses blocks the checks that run as that role.
            let trust = PipelineRoleTrustCheck().run(context)
            context.untrustedRoles = PipelineRoleTrustCheck.untrustedRoles(trust, in: inventory)
            results += [trust] + pipelineChecks.dropFirst().map { $0.run(context) }
        }
        return results + DashboardsCognitoCheck.run(inventory, evaluator: evaluator)
    }
}
