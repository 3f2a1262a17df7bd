import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `domain.policy-open-to-everyone` and `domain.policy-open-to-account`: a domain access policy
/// that admits everyone without conditions, or every principal of an account.
struct DomainAccessPolicyRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        var findings: [Finding] = []
        for domain in context.inventory.domains {
            guard let access = domain.accessPolicy else { continue }
            let label = domain.identity.label
            for statement in access.policy.document.statements where statement.effect == .allow {
                guard let principal = statement.principal else { continue }
                let evidence = [Evidence(statement: StatementRef(statement, in: access.policy), location: access.location)]
                if principal.namesEveryone && statement.conditions.isEmpty {
                    let guarded = domain.inVPC || domain.fineGrainedAccessControl?.enabled == true
                    findings.append(Finding(
                        id: .domainPolicyOpenToEveryone, severity: guarded ? .warning : .error, resource: label,
                        message: "the access policy of `\(label)` allows everyone (`*`) without conditions"
                            + (guarded ? "; fine-grained access control or VPC placement must then do all the work" : ", and the domain has neither VPC placement nor fine-grained access control"),
                        evidence: evidence, location: access.location))
                }
                let accounts = principal.entries.filter { entry in
                    guard entry.kind == .aws, case .account = entry.awsForm else { return false }
                    return true
                }
                if !accounts.isEmpty {
                    findings.append(Finding(
                        id: .domainPolicyOpenToAccount, severity: .securityWarning, resource: label,
                        message: "the access policy of `\(label)` lets every principal of account \(accounts.map { "`\($0.value)`" }.joined(separator: ", ")) call \(statement.action.patterns.map { "`\($0.text)`" }.joined(separator: ", ")) when its identity policies allow it; name the pipeline and Dashboards roles instead",
                        evidence: evidence, location: access.location))
                }
            }
        }
        return findings
    }
}
