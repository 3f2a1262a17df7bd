import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `iam.pass-role-on-star`: across an audited account, a role or user whose identity-based
/// policies allow `iam:PassRole` on every role, so it can hand any role, however powerful, to a
/// service it controls (privilege escalation). An `iam:PassedToService` condition narrows the
/// services, not the roles, and lowers it to a warning. Service-linked roles aside: AWS writes
/// their policies.
struct PassRoleOnEveryRoleRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        guard context.accountWide else { return [] }
        var findings: [Finding] = []
        for principal in context.inventory.principals where !principal.isServiceLinked {
            for attached in principal.policies {
                for statement in attached.policy.document.statements {
                    guard let entry = statement.passRoleOnEveryRole else { continue }
                    let limited = statement.limitsPassedToService
                    let location = SourceLocation(file: attached.location.file, position: statement.position)
                    findings.append(Finding(
                        id: .passRoleOnEveryRole, severity: limited ? .warning : .securityWarning, resource: principal.label,
                        message: "`\(attached.policy.id)` lets `\(principal.label)` pass every role of the account (`\(entry.text)` on `\(statement.resource?.isNot == true ? "NotResource" : "*")`)"
                            + (limited ? " to the services its `iam:PassedToService` condition names" : " to any service")
                            + "; list the roles it may pass in `Resource`",
                        evidence: [Evidence(statement: StatementRef(statement, in: attached.policy), location: location)], location: location))
                }
            }
        }
        return findings
    }
}
