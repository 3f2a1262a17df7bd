import AccessInventory
import PipelineRequirements

/// `trust.pipeline-role`: OpenSearch Ingestion can assume every role the pipeline names.
struct PipelineRoleTrustCheck: StackCheck {
    let id = CheckID.pipelineRoleTrust

    func run(_ context: CheckContext) -> CheckResult {
        guard let requirements = context.requirements else { return context.noPipeline(id) }
        let part = requirements.trust
        if let problem = part.problem { return context.result(id, .fail, problem, at: part.location) }
        var results: [CheckResult] = []
        for requirement in part.requests {
            guard let role = context.inventory.role(arn: requirement.resource) else {
                return context.result(id, .unknown, "the pipeline role `\(requirement.resource)` is not defined in this template", at: part.location)
            }
            let requests = [requirement].compactMap(context.evaluator.evaluate)
            results.append(context.result(
                id, CheckStatus(requests.combinedVerdict), requests.firstProblem ?? "`\(role.label)` trusts `\(PipelineRequirements.service)`",
                requests: requests, at: role.location))
        }
        return results.first { $0.status == .fail } ?? results.first { $0.status == .unknown } ?? results.first
            ?? context.result(id, .unknown, "no pipeline role", at: nil)
    }

    /// The roles whose trust did not pass, for the checks that run as them.
    static func untrustedRoles(_ context: CheckContext) -> [String: CheckStatus] {
        guard let requirements = context.requirements else { return [:] }
        var roles: [String: CheckStatus] = [:]
        for requirement in requirements.trust.requests {
            guard let role = context.inventory.role(arn: requirement.resource), let evaluated = context.evaluator.evaluate(requirement),
                  evaluated.verdict != .met else { continue }
            roles[role.arn] = CheckStatus(evaluated.verdict)
        }
        return roles
    }
}
