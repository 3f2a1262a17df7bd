import PolicyEvaluation
import PolicyModel

/// A problem beyond the checks: over-privilege, weak trust, an open domain policy, missing
/// encryption. `id` is stable (`overprivilege.managed-policy`, `trust.no-source-condition`, ...).
package struct Finding: Sendable, Hashable {
    package var id: String
    package var severity: Severity
    /// The template's logical id of the resource concerned.
    package var resource: String
    package var message: String
    /// The statements (or properties) that cause it.
    package var evidence: [Evidence]
    package var location: SourceLocation?

    package init(id: String, severity: Severity, resource: String, message: String, evidence: [Evidence], location: SourceLocation?) {
        self.id = id
        self.severity = severity
        self.resource = resource
        self.message = message
        self.evidence = evidence
        self.location = location
    }
}

extension Finding {
    /// One line per finding id, for SARIF rule descriptions and documentation.
    package static let descriptions: [String: String] = [
        "overprivilege.pipeline-role": "the pipeline role holds permissions its checks do not need",
        "trust.no-source-condition": "a service principal is trusted without aws:SourceAccount or aws:SourceArn (confused deputy)",
        "trust.extra-service-principal": "the pipeline role trusts services the pipeline does not need",
        "domain.policy-open-to-account": "the domain access policy admits every principal of an account",
        "domain.policy-open-to-everyone": "the domain access policy admits everyone without conditions",
        "iam.es-star-on-star": "a policy allows every OpenSearch action on every domain",
        "domain.https-not-enforced": "the domain accepts plain HTTP",
        "domain.no-encryption-at-rest": "the domain does not encrypt data at rest",
        "domain.no-node-to-node-encryption": "the domain does not encrypt traffic between nodes",
        "pipeline.logging-not-wired": "the pipeline does not publish its logs",
    ]
}

/// What a finding points at: a statement of a policy, or a template property.
package struct Evidence: Sendable, Hashable {
    package var description: String
    package var location: SourceLocation?

    package init(_ description: String, location: SourceLocation?) {
        self.description = description
        self.location = location
    }
}

/// Everything `accessgraph check` found for one stack.
package struct StackReport: Sendable, Hashable {
    package var template: String
    package var checks: [CheckResult]
    package var findings: [Finding]

    package init(template: String, checks: [CheckResult], findings: [Finding]) {
        self.template = template
        self.checks = checks
        self.findings = findings
    }

    /// 3 when a check failed (or, with `failOnUnknown`, could not be decided) or a finding is at
    /// or above `failOn`; 0 otherwise.
    package func exitStatus(failOn: Severity, failOnUnknown: Bool = false) -> Int32 {
        let failed = checks.contains { $0.status == .fail || (failOnUnknown && $0.status == .unknown) }
        let serious = findings.contains { $0.severity >= failOn }
        return failed || serious ? 3 : 0
    }
}
