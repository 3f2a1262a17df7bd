import PolicyEvaluation
import PolicyModel
import ServiceCatalog
import TemplateParsing

/// Findings beyond the checks: what the pipeline role holds that it does not need, weak trust,
/// open domain policies, missing transport and at-rest protection, pipeline logging.
package struct FindingRules {
    let stack: Stack
    let catalogue: ServiceCatalogue
    /// The actions the checks evaluated for each principal ARN (session form).
    let neededActions: [String: Set<String>]

    package init(stack: Stack, catalogue: ServiceCatalogue, checks: [CheckResult]) {
        self.stack = stack
        self.catalogue = catalogue
        var needed: [String: Set<String>] = [:]
        for check in checks {
            for request in check.requests where request.expectation == .allow {
                needed[request.principal, default: []].insert(request.action.lowercased())
            }
        }
        self.neededActions = needed
    }

    package func run() -> [Finding] {
        var findings: [Finding] = []
        for pipeline in stack.pipelines {
            let roleARNs = Set(pipeline.configuration.stsRoleARNs.map(\.value) + [pipeline.resource?.pipelineRoleArn?.value].compactMap { $0 })
            for role in roleARNs.sorted().compactMap({ stack.role(arn: $0) }) {
                findings += overPrivilege(role)
                findings += pipelineTrust(role, pipeline: pipeline)
            }
            if let resource = pipeline.resource, resource.logPublishing?.isLoggingEnabled != true {
                findings.append(Finding(
                    id: "pipeline.logging-not-wired", severity: .suggestion, resource: resource.logicalId,
                    message: "`\(resource.logicalId)` does not publish its logs (`LogPublishingOptions.IsLoggingEnabled` is not true), so failed writes are invisible",
                    evidence: [], location: stack.location(resource.position)))
            }
        }
        for role in stack.roles { findings += esStarOnStar(role) }
        for domain in stack.domains { findings += domainFindings(domain) }
        // Stable order: by resource, then id, then message.
        return findings.sorted { ($0.resource, $0.id, $0.message) < ($1.resource, $1.id, $1.message) }
    }

    // MARK: Over-privilege

    /// Per identity policy: the actions it allows (expanded through the catalogue) that no check
    /// needed, summarised by access level, with the most sensitive named.
    /// The pipeline's documented minimum (OSIS DynamoDB source, S3 export, OpenSearch sink, export
    /// KMS key): granting these is never over-privilege, even when no check evaluated one.
    static let documentedPipelineActions: Set<String> = Set([
        "dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime", "dynamodb:DescribeExport",
        "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
        "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl",
        "es:DescribeDomain", "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete", "es:ESHttpPatch",
        "kms:GenerateDataKey", "kms:Decrypt",
    ].map { $0.lowercased() })

    func overPrivilege(_ role: StackRole) -> [Finding] {
        let session = role.sessionARN(sessionName: PipelineChecks.sessionName)
        let needed = (neededActions[session] ?? []).union(Self.documentedPipelineActions)
        var findings: [Finding] = []
        for policy in role.policies {
            var granted: [String: ActionInfo] = [:]
            var evidence: [Evidence] = []
            // What the boundary does not allow, or a Deny on every resource removes, is not held.
            func held(_ action: ActionInfo) -> Bool {
                let request = RequestAction(action.qualifiedName)
                if let boundary = role.boundary,
                   !boundary.document.statements.contains(where: { $0.effect == .allow && $0.covers(request) }) {
                    return false
                }
                return !role.policies.contains { policy in
                    policy.document.statements.contains { statement in
                        statement.effect == .deny && statement.conditions.isEmpty && statement.covers(request)
                            && (statement.resource.map { !$0.isNot && $0.patterns.contains { $0.text == "*" } } ?? false)
                    }
                }
            }
            for statement in policy.document.statements where statement.effect == .allow && !statement.action.isNot {
                var statementGrants = 0
                for pattern in statement.action.patterns {
                    for action in catalogue.expandActionPattern(pattern.text) where !needed.contains(action.qualifiedName.lowercased()) && held(action) {
                        if granted.updateValue(action, forKey: action.qualifiedName.lowercased()) == nil { statementGrants += 1 }
                    }
                }
                if statementGrants > 0 {
                    evidence.append(Evidence("\(policy.id) statement \(statement.index)\(statement.sid.map { " (\($0))" } ?? ""): \(statement.action.patterns.map(\.text).joined(separator: ", "))",
                                             location: managedLocation(role, policy: policy, statement: statement)))
                }
            }
            let sensitive = granted.values.filter { $0.accessLevel == .write || $0.accessLevel == .permissionsManagement || $0.accessLevel == .tagging }
            guard !sensitive.isEmpty else { continue }
            let counts = [AccessLevel.permissionsManagement, .write, .tagging, .read, .list].compactMap { level -> String? in
                let count = granted.values.filter { $0.accessLevel == level }.count
                return count == 0 ? nil : "\(count) \(level.rawValue.lowercased())"
            }
            // Most sensitive first, from the service the policy is mostly about.
            let serviceCounts = Dictionary(grouping: granted.values, by: \.service).mapValues(\.count)
            let mainService = serviceCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            func risk(_ level: AccessLevel) -> Int {
                switch level {
                case .permissionsManagement: 0
                case .write: 1
                case .tagging: 2
                case .read: 3
                case .list: 4
                }
            }
            let examples = sensitive.sorted { lhs, rhs in
                (risk(lhs.accessLevel), lhs.service == mainService ? 0 : 1, lhs.qualifiedName)
                    < (risk(rhs.accessLevel), rhs.service == mainService ? 0 : 1, rhs.qualifiedName)
            }.prefix(3).map { "`\($0.qualifiedName)`" }
            let policyName = role.managedPolicies.first { $0.policy.id == policy.id }?.name ?? policy.id
            findings.append(Finding(
                id: "overprivilege.pipeline-role", severity: .securityWarning, resource: role.logicalId,
                message: "`\(policyName)` grants \(counts.joined(separator: ", ")) actions the pipeline does not need, including \(examples.joined(separator: ", "))",
                evidence: evidence, location: managedLocation(role, policy: policy, statement: nil)))
        }
        return findings
    }

    /// AWS managed policies are located where the template attaches them; template policies at
    /// their statements.
    func managedLocation(_ role: StackRole, policy: NamedPolicy, statement: Statement?) -> SourceLocation {
        if let attached = role.managedPolicies.first(where: { $0.policy.id == policy.id }) {
            return role.location(attached.arn.position)
        }
        return role.location(statement?.position ?? policy.document.position)
    }

    // MARK: Trust

    func pipelineTrust(_ role: StackRole, pipeline: StackPipeline) -> [Finding] {
        var findings: [Finding] = []
        for statement in role.trust.document.statements where statement.effect == .allow {
            let services = statement.principal?.entries.filter { $0.kind == .service }.map(\.value) ?? []
            guard !services.isEmpty else { continue }
            let keys = Set(statement.conditions.map(\.lookupKey))
            if !keys.contains("aws:sourceaccount") && !keys.contains("aws:sourcearn") {
                findings.append(Finding(
                    id: "trust.no-source-condition", severity: .securityWarning, resource: role.logicalId,
                    message: "`\(role.logicalId)` trusts \(services.map { "`\($0)`" }.joined(separator: ", ")) without an `aws:SourceAccount` or `aws:SourceArn` condition, so the service can be made to use it for another account's pipeline (confused deputy)",
                    evidence: [Evidence("\(role.trust.id) statement \(statement.index)", location: role.location(statement.position))],
                    location: role.location(statement.position)))
            }
            let extra = services.filter { $0.lowercased() != PipelineChecks.osisService }
            if !extra.isEmpty {
                findings.append(Finding(
                    id: "trust.extra-service-principal", severity: .warning, resource: role.logicalId,
                    message: "the pipeline role `\(role.logicalId)` also trusts \(extra.map { "`\($0)`" }.joined(separator: ", ")), which the pipeline does not need",
                    evidence: [Evidence("\(role.trust.id) statement \(statement.index)", location: role.location(statement.position))],
                    location: role.location(statement.position)))
            }
        }
        return findings
    }

    // MARK: Broad OpenSearch grants

    func esStarOnStar(_ role: StackRole) -> [Finding] {
        var findings: [Finding] = []
        for policy in role.policies where !role.managedPolicies.contains(where: { $0.policy.id == policy.id }) {
            for statement in policy.document.statements where statement.effect == .allow && !statement.action.isNot {
                let allES = statement.action.patterns.contains { ["es:*", "*"].contains($0.text.lowercased()) }
                let everywhere = statement.resource.map { !$0.isNot && $0.patterns.contains { $0.text == "*" } } ?? false
                guard allES, everywhere else { continue }
                findings.append(Finding(
                    id: "iam.es-star-on-star", severity: .securityWarning, resource: role.logicalId,
                    message: "`\(policy.id)` allows `es:*` on `*`: every OpenSearch action on every domain of the account",
                    evidence: [Evidence("\(policy.id) statement \(statement.index)", location: role.location(statement.position))],
                    location: role.location(statement.position)))
            }
        }
        return findings
    }

    // MARK: Domain

    func domainFindings(_ domain: StackDomain) -> [Finding] {
        var findings: [Finding] = []
        let resource = domain.resource
        let location = stack.location(resource.position)
        if let policy = domain.accessPolicy {
            for statement in policy.document.statements where statement.effect == .allow {
                guard let principal = statement.principal else { continue }
                let place = stack.location(domain.accessPolicyPosition ?? statement.position)
                let evidence = [Evidence("\(policy.id) statement \(statement.index)", location: place)]
                let everyone = principal.isEveryone || principal.entries.contains { $0.kind == .aws && $0.value == "*" }
                if everyone && statement.conditions.isEmpty {
                    let guarded = resource.hasVPCOptions || resource.advancedSecurity?.enabled == true
                    findings.append(Finding(
                        id: "domain.policy-open-to-everyone", severity: guarded ? .warning : .error, resource: resource.logicalId,
                        message: "the access policy of `\(resource.logicalId)` allows everyone (`*`) without conditions"
                            + (guarded ? "; fine-grained access control or VPC placement must then do all the work" : ", and the domain has neither VPC placement nor fine-grained access control"),
                        evidence: evidence, location: place))
                }
                let accounts = principal.entries.filter { entry in
                    guard entry.kind == .aws, case .account = entry.awsForm else { return false }
                    return true
                }
                if !accounts.isEmpty {
                    findings.append(Finding(
                        id: "domain.policy-open-to-account", severity: .securityWarning, resource: resource.logicalId,
                        message: "the access policy of `\(resource.logicalId)` lets every principal of account \(accounts.map { "`\($0.value)`" }.joined(separator: ", ")) call \(statement.action.patterns.map { "`\($0.text)`" }.joined(separator: ", ")) when its identity policies allow it; name the pipeline and Dashboards roles instead",
                        evidence: evidence, location: place))
                }
            }
        }
        if !resource.enforceHTTPS {
            findings.append(Finding(id: "domain.https-not-enforced", severity: .warning, resource: resource.logicalId,
                                    message: "`\(resource.logicalId)` accepts plain HTTP (`DomainEndpointOptions.EnforceHTTPS` is not true)",
                                    evidence: [], location: location))
        }
        if !resource.encryptionAtRestEnabled {
            findings.append(Finding(id: "domain.no-encryption-at-rest", severity: .warning, resource: resource.logicalId,
                                    message: "`\(resource.logicalId)` does not encrypt data at rest (`EncryptionAtRestOptions.Enabled` is not true)",
                                    evidence: [], location: location))
        }
        if !resource.nodeToNodeEncryptionEnabled {
            findings.append(Finding(id: "domain.no-node-to-node-encryption", severity: .warning, resource: resource.logicalId,
                                    message: "`\(resource.logicalId)` does not encrypt traffic between its nodes (`NodeToNodeEncryptionOptions.Enabled` is not true)",
                                    evidence: [], location: location))
        }
        return findings
    }
}
