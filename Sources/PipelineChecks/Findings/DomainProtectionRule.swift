import AccessInventory

/// `domain.https-not-enforced`, `domain.no-encryption-at-rest`, `domain.no-node-to-node-encryption`:
/// a domain's transport and at-rest protection.
struct DomainProtectionRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        context.inventory.domains.flatMap { domain -> [Finding] in
            let label = domain.identity.label
            let location = domain.identity.location
            var findings: [Finding] = []
            if !domain.enforceHTTPS {
                findings.append(Finding(id: .domainHTTPSNotEnforced, severity: .warning, resource: label,
                                        message: "`\(label)` accepts plain HTTP (`DomainEndpointOptions.EnforceHTTPS` is not true)", location: location))
            }
            if !domain.encryptionAtRest {
                findings.append(Finding(id: .domainNoEncryptionAtRest, severity: .warning, resource: label,
                                        message: "`\(label)` does not encrypt data at rest (`EncryptionAtRestOptions.Enabled` is not true)", location: location))
            }
            if !domain.nodeToNodeEncryption {
                findings.append(Finding(id: .domainNoNodeToNodeEncryption, severity: .warning, resource: label,
                                        message: "`\(label)` does not encrypt traffic between its nodes (`NodeToNodeEncryptionOptions.Enabled` is not true)", location: location))
            }
            return findings
        }
    }
}
