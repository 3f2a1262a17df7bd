import AccessInventory
import PolicyEvaluation
import PolicyModel

/// What the principal that deploys a pipeline needs: create, validate and update it, pass the
/// pipeline's roles to OpenSearch Ingestion and nothing else, and set up log delivery when the
/// pipeline publishes logs ("Setting up roles and users in Amazon OpenSearch Ingestion",
/// "Monitoring pipeline logs"). The deployer is not in the inputs: the requests name it by a
/// role ARN the caller chooses.
package struct DeploymentRequirements: Sendable {
    package static let sessionName = "deployer"
    /// The log-delivery actions OpenSearch Ingestion documents for publishing pipeline logs.
    static let logDeliveryActions = ["logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"]

    package var deployerRoleARN: String
    package var requests: [RequiredRequest]

    package init(pipeline requirements: PipelineRequirements, deployerRoleARN: String, inventory: Inventory) {
        self.deployerRoleARN = deployerRoleARN
        let caller = RequiredRequest.Caller.roleSession(roleARN: deployerRoleARN, sessionName: Self.sessionName)
        func request(_ action: String, on resource: String, scope: String, context: [String: ContextValue] = [:], purpose: String,
                     documentation: String = RequirementSource.creatingPipelines) -> RequiredRequest {
            RequiredRequest(area: .deployment, caller: caller, action: action, resource: resource, grantScope: scope, context: context,
                            purpose: purpose, documentation: documentation)
        }
        // `osis:CreatePipeline` and `osis:ValidatePipeline` take no resource (service authorization reference).
        var requests = [
            request("osis:CreatePipeline", on: "*", scope: "*", purpose: "create the pipeline"),
            request("osis:ValidatePipeline", on: "*", scope: "*", purpose: "validate the pipeline configuration"),
            request("osis:UpdatePipeline", on: requirements.pipelineARN, scope: requirements.pipelineARNScope, purpose: "update the pipeline"),
        ]
        for role in requirements.pipeline.roleARNs.map({ inventory.role(arn: $0)?.arn ?? $0 }) {
            requests.append(request("iam:PassRole", on: role, scope: role,
                                    context: ["iam:PassedToService": .single(PipelineRequirements.service)],
                                    purpose: "hand the pipeline role to OpenSearch Ingestion, and to no other service"))
        }
        if requirements.pipeline.publishesLogs == true {
            for action in Self.logDeliveryActions {
                requests.append(request(action, on: "*", scope: "*", purpose: "deliver the pipeline's logs to CloudWatch Logs",
                                        documentation: RequirementSource.pipelineLogs))
            }
        }
        self.requests = requests
    }
}
