import AccessInventory
import PipelineRequirements
import PolicyEvaluation
import PolicyModel

/// `trust.no-source-condition` and `trust.extra-service-principal`: a pipeline role trusts a
/// service without tying it to the account or pipeline (confused deputy), or trusts services the
/// pipeline does not need. Across an audited account, every other role that trusts a service
/// without such a condition too (service-linked roles aside: AWS writes their trust).
struct PipelineTrustRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        var findings: [Finding] = []
        let pipelineRoles = context.pipelineRoles
        let pipelineARNs = Set(pipelineRoles.map(\.arn))
        let otherRoles = context.accountWide ? context.inventory.roles.filter { !pipelineARNs.contains($0.arn) && !$0.isServiceLinked } : []
        for role in pipelineRoles + otherRoles {
            guard let trust = role.trust else { continue }
            let isPipelineRole = pipelineARNs.contains(role.arn)
            for statement in trust.document.statements where statement.effect == .allow {
                let services = statement.principal?.values(of: .service) ?? []
                guard !services.isEmpty else { continue }
                let location = SourceLocation(file: role.location.file, position: statement.position)
                let evidence = [Evidence(statement: StatementRef(statement, in: trust), location: location)]
                if !statement.limitsServicePrincipalsToSource {
                    let consequence = isPipelineRole ? "use it for another account's pipeline" : "act with it for another account's resources"
                    findings.append(Finding(
                        id: .trustWithoutSourceCondition, severity: .securityWarning, resource: role.label,
                        message: "`\(role.label)` trusts \(services.map { "`\($0)`" }.joined(separator: ", ")) without an `aws:SourceAccount` or `aws:SourceArn` condition, so the service can be made to \(consequence) (confused deputy)",
                        evidence: evidence, location: location))
                }
                let extra = services.filter { $0.lowercased() != PipelineRequirements.service }
                if isPipelineRole, !extra.isEmpty {
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
