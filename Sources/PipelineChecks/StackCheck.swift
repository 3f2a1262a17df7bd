import AccessInventory
import PipelineRequirements
import PolicyModel

/// One pipeline check. Each lives in its own file under `Checks/` and reads what it needs from
/// the context; `PipelineCheckRunner` runs them in order, once per pipeline.
protocol StackCheck: Sendable {
    var id: CheckID { get }
    func run(_ context: CheckContext) -> CheckResult
}

/// What every check reads: the inventory, the pipeline's requirements, the evaluator, and the
/// trust check's verdict per role (a role OSIS cannot assume blocks every check that runs as it).
struct CheckContext {
    let inventory: Inventory
    let requirements: PipelineRequirements?
    let evaluator: RequirementEvaluator
    /// What the results are about: the pipeline, or a domain for the Dashboards check.
    var subject: CheckSubject?
    /// Roles (by ARN) whose trust check did not pass, with that check's status.
    var untrustedRoles: [String: CheckStatus] = [:]

    init(inventory: Inventory, requirements: PipelineRequirements?, evaluator: RequirementEvaluator) {
        self.inventory = inventory
        self.requirements = requirements
        self.evaluator = evaluator
        self.subject = requirements.map { CheckSubject($0.pipeline) }
    }

    func result(_ id: CheckID, _ status: CheckStatus, _ reason: String, requests: [EvaluatedRequest] = [], at location: SourceLocation?) -> CheckResult {
        CheckResult(id: id, status: status, reason: reason, requests: requests, location: location, subject: subject)
    }

    /// The table the pipeline's source names, as written, and the inventory's table it resolves to.
    var configuredTable: (value: String, table: Table?) {
        let value = requirements?.pipeline.configuration.dynamoDBSources.first?.tables.first?.tableARN.value ?? ""
        return (value, inventory.table(arn: value))
    }

    /// A check whose part has no pipeline to come from.
    func noPipeline(_ id: CheckID) -> CheckResult {
        result(id, .skipped, "the inputs have no `AWS::OSIS::Pipeline` and no `--pipeline` was given", at: nil)
    }

    /// Why a check is unknown when the role it runs as is not in the inputs: what is unknown
    /// first, then what would tell.
    /// - Parameters:
    ///   - role: how the check names the role ("the pipeline role").
    ///   - doing: what the role must be able to do ("export the table").
    static func roleOutsideInputs(_ role: String, _ arn: String?, doing: String) -> String {
        "\(role)\(arn.map { " `\($0)`" } ?? "") is not in the inputs, so whether it may \(doing) is unknown "
            + "(a template that defines it, or the account's IAM as `aws iam get-account-authorization-details` prints it, would tell)"
    }

    /// The verdict of a part's requests as a check: skipped, misconfigured, undecidable, a role
    /// the inputs lack, or the requests' combined verdict, with `settings` (failures found in
    /// resource settings, such as point-in-time recovery off) and the trust block applied.
    /// - Parameters:
    ///   - role: how the reason names the part's role when it is not in the inventory.
    ///   - doing: what that role must be able to do, for the same reason.
    func evaluate(
        _ id: CheckID, part: PipelineRequirements.Part, role roleName: String, doing: String, settings: [String] = [], unknownSetting: String? = nil,
        passReason: (InventoryPrincipal) -> String, location: (InventoryPrincipal) -> SourceLocation?
    ) -> CheckResult {
        if let skipped = part.skipped { return result(id, .skipped, skipped, at: nil) }
        if let problem = part.problem { return result(id, .fail, problem, at: part.location) }
        // What the inputs cannot tell: unknown outright, or unknown once the requests that can be
        // evaluated pass (a collection's IAM side, say).
        if let unknown = part.unknown, part.requests.isEmpty { return result(id, .unknown, unknown, at: part.location) }
        guard let roleARN = part.roleARN, let role = inventory.role(arn: roleARN) else {
            return result(id, .unknown, Self.roleOutsideInputs(roleName, part.roleARN, doing: doing), at: part.location)
        }
        let requests = part.requests.compactMap(evaluator.evaluate)
        var status = CheckStatus(requests.combinedVerdict)
        var reason = requests.firstProblem ?? passReason(role)
        if status != .fail, let problem = settings.first {
            status = .fail
            reason = problem
        } else if status == .pass, let unknownSetting = unknownSetting ?? part.unknown {
            status = .unknown
            reason = unknownSetting
        }
        var checked = result(id, status, reason, requests: requests, at: location(role))
        blockOnTrust(&checked, role: role)
        return checked
    }

    /// A check that runs as a role OSIS cannot assume fails (or, when the trust is undecided,
    /// cannot pass), naming the trust check.
    func blockOnTrust(_ result: inout CheckResult, role: InventoryPrincipal) {
        guard let trust = untrustedRoles[role.arn], result.status != .skipped else { return }
        let blocked = "blocked by `\(CheckID.pipelineRoleTrust.rawValue)`: OpenSearch Ingestion cannot assume `\(role.label)`"
        switch (trust, result.status) {
        case (.fail, .fail):
            result.reason = blocked + "; also " + result.reason
        case (.fail, _):
            result.status = .fail
            result.reason = blocked
        case (_, .pass):
            result.status = .unknown
            result.reason = "whether OpenSearch Ingestion can assume `\(role.label)` is unknown (see `\(CheckID.pipelineRoleTrust.rawValue)`), and this check runs as that role"
        default:
            break
        }
    }
}

extension CheckStatus {
    init(_ verdict: EvaluatedRequest.Verdict) {
        switch verdict {
        case .met: self = .pass
        case .unmet: self = .fail
        case .undetermined: self = .unknown
        }
    }
}
