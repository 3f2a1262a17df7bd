import AccessInventory
import PolicyEvaluation
import PolicyModel

/// `iam.es-star-on-star`: a policy written in the stack (not an AWS managed one) allows `es:*`
/// on `*`: every OpenSearch action on every domain of the account.
struct OpenSearchStarOnStarRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        var findings: [Finding] = []
        for role in context.inventory.roles {
            for attached in role.policies where !attached.isAWSManaged {
                for statement in attached.policy.document.statements where statement.effect == .allow && !statement.action.isNot {
                    let allOpenSearch = statement.action.patterns.contains { ["es:*", "*"].contains($0.text.lowercased()) }
                    guard allOpenSearch, statement.coversEveryResource else { continue }
                    let location = SourceLocation(file: role.location.file, position: statement.position)
                    findings.append(Finding(
                        id: .openSearchStarOnStar, severity: .securityWarning, resource: role.label,
                        message: "`\(attached.policy.id)` allows `es:*` on `*`: every OpenSearch action on every domain of the account",
                        evidence: [Evidence(statement: StatementRef(statement, in: attached.policy), location: location)], location: location))
                }
            }
        }
        return findings
    }
}
