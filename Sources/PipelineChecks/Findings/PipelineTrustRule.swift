import AccessInventory
import PipelineRequirements
import PolicyEvaluation
import PolicyModel

/// `trust.no-source-condition` and `trust.extra-service-principal`: a pipeline role trusts a
/// service without tying it to the account or pipeline (confused deputy), or trusts services the
/// pipeline does not need.
struct PipelineTrustRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        var findings: [Finding] = []
        for role in context.pipelineRoles {
            guard let trust = role.trust else { continue }
            for statement in trust.document.statements where statement.effect == .allow {
                let services = statement.principal?.values(of: .service) ?? []
                guard !services.isEmpty else { continue }
                let location = SourceLocation(file: role.location.file, position: statement.position)
                let evidence = [Evidence(statement: StatementRef(statement, in: trust), location: location)]
                let keys = Set(statement.conditions.map(\.lookupKey))
                if !keys.contains("aws:sourceaccount") && !keys.contains("aws:sourcearn") {
                    findings.append(Finding(
                        id: .trustWithoutSourceCondition, severity: .securityWarning, resource: role.label,
                        message: "`\(role.label)` trusts \(services.map { "`\($0)`" }.joined(separator: ", ")) without an `aws:SourceAccount` or `aws:SourceArn` condition, so the service can be made to use it for another account's pipeline (confused deputy)",
                        evidence: evidence, location: location))
                }
                let extra = services.filter { $0.lowercased() != PipelineRequirements.service }
                if !extra.isEmpty {
                    findings.append(Finding(
                        id: .trustExtraServicePrincipal, severity: .warning, resource: role.label,
                        message: "the pipeline role `\(role.label)` also trusts \(extra.map { "`\($0)`" }.joined(separator: ", ")), which the pipeline does not need",
                        evidence: evidence, location: location))
                }
            }
        }
        return findings
    }
}
