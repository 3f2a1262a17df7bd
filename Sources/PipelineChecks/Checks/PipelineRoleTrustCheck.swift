import AccessInventory
import PipelineRequirements

/// `trust.pipeline-role`: OpenSearch Ingestion can assume every role the pipeline names.
struct PipelineRoleTrustCheck: StackCheck {
    let id = CheckID.pipelineRoleTrust

    func run(_ context: CheckContext) -> CheckResult {
        guard let requirements = context.requirements else { return context.noPipeline(id) }
        let part = requirements.trust
        if let problem = part.problem { return context.result(id, .fail, problem, at: part.location) }
        // One verdict per role; the check reports the worst, with every role's request.
        var results: [CheckResult] = []
        for requirement in part.requests {
            guard let role = context.inventory.role(arn: requirement.resource), let evaluated = context.evaluator.evaluate(requirement) else {
                results.append(context.result(id, .unknown, CheckContext.roleOutsideInputs("the pipeline role", requirement.resource, doing: "be assumed by OpenSearch Ingestion"),
                                              at: part.location))
                continue
            }
            results.append(context.result(
                id, CheckStatus(evaluated.verdict), [evaluated].firstProblem ?? "`\(role.label)` trusts `\(PipelineRequirements.service)`",
                requests: [evaluated], at: role.location))
        }
        guard var worst = results.first(where: { $0.status == .fail }) ?? results.first(where: { $0.status == .unknown }) ?? results.first else {
            return context.result(id, .unknown, "whether OpenSearch Ingestion can assume a role is unknown: the pipeline names none", at: nil)
        }
        worst.requests = results.flatMap(\.requests)
        return worst
    }

    /// The roles whose trust did not pass, read from the trust check's requests, for the checks
    /// that run as them.
    static func untrustedRoles(_ trust: CheckResult, in inventory: Inventory) -> [String: CheckStatus] {
        var roles: [String: CheckStatus] = [:]
        for request in trust.requests where request.verdict != .met {
            guard let role = inventory.role(arn: request.resource) else { continue }
            roles[role.arn] = CheckStatus(request.verdict)
        }
        return roles
    }
}
