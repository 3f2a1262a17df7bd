import AccessInventory
import PipelineChecks
import PipelineRequirements
import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// Writes the least-privilege documents for a stack's pipeline from its requirements (the one
/// list of what the pipeline needs): each statement grants what some required requests need, on
/// their narrowest scope, and says which. It decides nothing about whether they work:
/// `GenerationProof` does, with the evaluator.
package struct PolicyGenerator {
    /// The role name the deployer's requests are proven with; the deployer is not in the inputs.
    package static let deployerRoleName = "pipeline-deployer"

    let inventory: Inventory
    let requirements: PipelineRequirements
    let dashboards: DashboardsRequirements?
    let deployment: DeploymentRequirements

    /// - Throws: `generate.no-pipeline` when the inputs hold no pipeline, the configuration's
    ///   `pipeline.*` errors when OpenSearch Ingestion would refuse it, `generate.pipeline-problem`
    ///   when it cannot work (it names no role, say).
    package static func generate(_ inventory: Inventory, stackName: String) throws(DiagnosticError) -> GeneratedStack {
        guard let pipeline = inventory.pipelines.first else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "generate.no-pipeline",
                                             message: "the input has no OpenSearch Ingestion pipeline to generate policies for", file: inventory.name,
                                             help: "pass the pipeline configuration with --pipeline, or a template with an AWS::OSIS::Pipeline"))
        }
        // A configuration OpenSearch Ingestion refuses cannot be deployed, whatever its policies.
        let rejections = pipeline.configuration.rejections
        if !rejections.isEmpty { throw DiagnosticError(rejections) }
        let requirements = PipelineRequirements(pipeline: pipeline, inventory: inventory)
        for part in requirements.parts {
            if let problem = part.problem {
                throw DiagnosticError(Diagnostic(severity: .error, code: "generate.pipeline-problem", message: "\(part.area.rawValue): \(problem)",
                                                 file: part.location.file, position: part.location.position))
            }
        }
        var dashboards: DashboardsRequirements?
        if case .found(let domain, _, let poolId, let role) = DashboardsRequirements.signIn(in: inventory) {
            dashboards = DashboardsRequirements(domain: domain, poolId: poolId, authenticatedRoleARN: role.arn)
        }
        let roleARN = requirements.pipeline.roleARNs.first.map { inventory.role(arn: $0)?.arn ?? $0 }
        let deployerARN = "arn:\(ARNParts.partition(of: roleARN, in: inventory)):iam::\(ARNParts.account(of: roleARN, in: inventory)):role/\(deployerRoleName)"
        let deployment = DeploymentRequirements(pipeline: requirements, deployerRoleARN: deployerARN, inventory: inventory)
        let generator = PolicyGenerator(inventory: inventory, requirements: requirements, dashboards: dashboards, deployment: deployment)
        let (notes, leftUnknown) = generator.notes()
        var stack = GeneratedStack(name: stackName, policies: generator.policies(), requirements: requirements, dashboards: dashboards,
                                   deployment: deployment, notes: notes, checksLeftUnknown: leftUnknown)
        for policy in stack.policies {
            guard case .domainAccess(let label) = policy.kind, let domain = inventory.domains.first(where: { $0.identity.label == label }),
                  let setter = domain.accessPolicy?.policy.id, setter != TemplateInventory.accessPoliciesId(of: label) else { continue }
            stack.accessPolicyResources[label] = (setter, domain.name)
        }
        stack.imports = inventory.imports
        if let (note, grant) = generator.collectionDataAccessNote() {
            stack.notes.append(note)
            stack.collectionDataAccess = [grant]
        }
        stack.rolesOutsideInputs = Set(requirements.pipeline.roleARNs.filter { inventory.role(arn: $0) == nil }.map(generator.label(ofRole:)))
        if case .found(_, let pool?, let poolId, _) = DashboardsRequirements.signIn(in: inventory), SymbolToken.containsToken(poolId) {
            stack.substitutions[poolId] = "${\(pool.identity.label)}"
        }
        return stack
    }

    // MARK: Documents

    func policies() -> [GeneratedPolicy] {
        let pipelineRoles = orderedRoles(requirements.requests.filter { $0.area != .trust })
        var policies: [GeneratedPolicy] = []
        for role in pipelineRoles {
            let stem = pipelineRoles.count == 1 ? "pipeline-role" : "pipeline-role-\(label(ofRole: role))"
            policies.append(GeneratedPolicy(
                name: "\(stem)-policy", title: "Permission policy of the pipeline role \(displayName(ofRole: role))",
                kind: .rolePermissions(role: label(ofRole: role)), statements: identityStatements(requirements.requests, caller: role)))
            let trust = requirements.trust.requests.filter { $0.resource == role }
            if !trust.isEmpty {
                policies.append(GeneratedPolicy(
                    name: "\(stem)-trust", title: "Trust policy of the pipeline role \(displayName(ofRole: role))",
                    kind: .roleTrust(role: label(ofRole: role)), statements: [pipelineTrust(trust)]))
            }
        }
        if let dashboards, let role = orderedRoles(dashboards.requests).first {
            let requests = dashboards.requests
            policies.append(GeneratedPolicy(
                name: "dashboards-role-policy", title: "Permission policy of the Dashboards users' role `\(label(ofRole: role))`",
                kind: .rolePermissions(role: label(ofRole: role)), statements: identityStatements(requests, caller: role)))
            policies.append(GeneratedPolicy(
                name: "dashboards-role-trust", title: "Trust policy of the Dashboards users' role `\(label(ofRole: role))`",
                kind: .roleTrust(role: label(ofRole: role)), statements: [cognitoTrust(requests.filter { $0.caller == .webIdentity(DashboardsRequirements.provider) })]))
        }
        let granted = requirements.requests + (dashboards?.requests ?? [])
        let domains = granted.compactMap(\.resourcePolicy.domain).uniqued()
        for domain in domains {
            policies.append(GeneratedPolicy(
                name: domains.count == 1 ? "domain-access-policy" : "domain-\(domain)-access-policy", title: "Access policy of the domain `\(domain)`",
                kind: .domainAccess(domain: domain), statements: domainStatements(granted, domain: domain)))
        }
        let buckets = granted.compactMap(\.resourcePolicy.bucket).uniqued()
        for bucket in buckets {
            guard let statements = bucketStatements(granted, bucket: bucket) else { continue }
            let label = inventory.bucket(named: bucket)?.identity.label ?? bucket
            policies.append(GeneratedPolicy(
                name: buckets.count == 1 ? "bucket-policy" : "bucket-\(label)-policy", title: "Bucket policy of `\(label)`",
                kind: .bucketPolicy(bucket: label), statements: statements))
        }
        policies.append(GeneratedPolicy(
            name: "deployer-policy", title: "Identity-based policy of whoever deploys the pipeline (a CI role, say)",
            kind: .deployer, statements: identityStatements(deployment.requests, caller: deployment.deployerRoleARN)))
        return policies
    }

    /// The roles that make `requests`, in order of first appearance.
    func orderedRoles(_ requests: [RequiredRequest]) -> [String] {
        requests.compactMap { request in
            if case .roleSession(let role, _) = request.caller, request.expectation == .allow { return role }
            return nil
        }.uniqued()
    }

    func label(ofRole arn: String) -> String {
        inventory.role(arn: arn)?.label ?? String(arn.split(separator: "/").last ?? Substring(arn))
    }

    /// How titles name a role: its label in backquotes, or the export it is imported from.
    func displayName(ofRole arn: String) -> String {
        inventory.imports[arn].map { "imported from export `\($0)`" } ?? "`\(label(ofRole: arn))`"
    }

    /// The caller's allowed requests, one statement per grant scope (and condition), in order of
    /// first appearance, actions sorted.
    func identityStatements(_ requests: [RequiredRequest], caller role: String) -> [GeneratedStatement] {
        var statements: [GeneratedStatement] = []
        for request in requests where request.expectation == .allow {
            guard case .roleSession(let caller, _) = request.caller, caller == role else { continue }
            // A collection's data access policy decides these, not IAM (see `collectionDataAccessNote`).
            if case .collectionDataAccess = request.resourcePolicy { continue }
            let conditions = Self.conditions(for: request)
            // One statement per scope and condition; requirements AWS documents on different pages
            // (creating a pipeline, delivering its logs) stay apart.
            if let index = statements.firstIndex(where: { $0.resources == [request.grantScope] && $0.conditions == conditions
                && $0.serves.first?.documentation == request.documentation }) {
                statements[index].add(request)
            } else {
                statements.append(GeneratedStatement(sid: "", actions: [request.action], resources: [request.grantScope], conditions: conditions, serves: [request]))
            }
        }
        return Self.named(statements)
    }

    /// Conditions a grant keeps from its request: `iam:PassedToService` pins a role to its service.
    /// and `aoss:collection` a collection's security policy actions to that collection.
    static func conditions(for request: RequiredRequest) -> [GeneratedStatement.Condition] {
        for key in ["iam:PassedToService", "aoss:collection"] {
            if let value = request.context[key]?.values.first { return [GeneratedStatement.Condition("StringEquals", key, [value])] }
        }
        return []
    }

    /// OpenSearch Ingestion, for this account and this pipeline only (confused deputy).
    func pipelineTrust(_ requests: [RequiredRequest]) -> GeneratedStatement {
        let account = requests.first?.context["aws:SourceAccount"]?.values.first ?? SymbolToken.make("AWS.AccountId")
        return GeneratedStatement(
            sid: "OpenSearchIngestionForThisPipeline", principal: .service(PipelineRequirements.service), actions: ["sts:AssumeRole"], resources: [],
            conditions: [
                GeneratedStatement.Condition("StringEquals", "aws:SourceAccount", [account]),
                GeneratedStatement.Condition("ArnLike", "aws:SourceArn", [requirements.pipelineARNScope]),
            ],
            serves: requests)
    }

    /// Signed-in users of this identity pool only.
    func cognitoTrust(_ requests: [RequiredRequest]) -> GeneratedStatement {
        let pool = requests.first?.context["cognito-identity.amazonaws.com:aud"]?.values.first ?? ""
        return GeneratedStatement(
            sid: "AuthenticatedIdentitiesOfThePool", principal: .federated(DashboardsRequirements.provider), actions: ["sts:AssumeRoleWithWebIdentity"],
            resources: [],
            conditions: [
                GeneratedStatement.Condition("StringEquals", "cognito-identity.amazonaws.com:aud", [pool]),
                GeneratedStatement.Condition("ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr", ["authenticated"]),
            ],
            serves: requests.filter { $0.expectation == .allow }, guards: requests.filter { $0.expectation != .allow })
    }

    /// One statement per role the domain must let in, with the HTTP actions it needs (a domain
    /// access policy governs nothing else).
    func domainStatements(_ requests: [RequiredRequest], domain: String) -> [GeneratedStatement] {
        let governed = requests.filter { request in
            request.expectation == .allow && request.resourcePolicy == .domainPolicy(domain: domain)
                && ResourcePolicyScope.governs(lowercasedAction: request.action.lowercased(), onOpenSearchResource: true)
        }
        return Self.named(grantsByRole(governed))
    }

    /// For a resource-based policy: one statement per role that makes `requests`, naming it by
    /// ARN, with the actions and scopes its requests need.
    func grantsByRole(_ requests: [RequiredRequest]) -> [GeneratedStatement] {
        orderedRoles(requests).map { role in
            var statement = GeneratedStatement(sid: "", principal: .aws([role]), actions: [], resources: [])
            for request in requests where request.caller.description == role { statement.add(request, resource: true) }
            return statement
        }
    }

    /// No request without TLS, and the pipeline roles' object access under their prefixes; nil
    /// when no request goes through the bucket.
    func bucketStatements(_ requests: [RequiredRequest], bucket: String) -> [GeneratedStatement]? {
        let bucketARN = Self.bucketARN(bucket, in: inventory, requests: requests)
        let governed = requests.filter { $0.expectation == .allow && $0.resourcePolicy == .bucketPolicy(bucket: bucket) }
        guard let sample = governed.first else { return nil }
        // Proven with a request of the pipeline role sent without TLS, which must be refused.
        var insecure = sample
        insecure.context["aws:SecureTransport"] = .single("false")
        insecure.expectation = .explicitDeny
        insecure.purpose = "refuse requests sent without TLS"
        insecure.documentation = RequirementSource.secureTransport
        let deny = GeneratedStatement(
            sid: "DenyInsecureTransport", effect: .deny, principal: .everyone, actions: ["s3:*"], resources: [bucketARN, bucketARN + "/*"],
            conditions: [GeneratedStatement.Condition("Bool", "aws:SecureTransport", ["false"])], guards: [insecure])
        return [deny] + Self.named(grantsByRole(governed))
    }

    /// The bucket's ARN: the inventory's, else made from its name in the partition its requests use.
    static func bucketARN(_ bucket: String, in inventory: Inventory, requests: [RequiredRequest]) -> String {
        if let known = inventory.bucket(named: bucket) { return known.identity.arn }
        let partition = requests.first { $0.resourcePolicy == .bucketPolicy(bucket: bucket) }.map { ARNParts.partition(of: $0.resource) } ?? "aws"
        return "arn:\(partition):s3:::\(bucket)"
    }

    // MARK: Names

    /// Gives each statement a Sid that says what it is for, numbered when two would be the same.
    static func named(_ statements: [GeneratedStatement]) -> [GeneratedStatement] {
        var named = statements
        var used: [String: Int] = [:]
        for index in named.indices {
            let base = sid(for: named[index])
            used[base, default: 0] += 1
            named[index].sid = used[base] == 1 ? base : "\(base)\(used[base] ?? 0)"
        }
        return named
    }

    static func sid(for statement: GeneratedStatement) -> String {
        let requests = statement.serves
        let area = requests.first?.area
        let scope = statement.resources.first ?? ""
        let service = statement.actions.first?.split(separator: ":").first.map(String.init) ?? ""
        if statement.principal != nil {
            switch area {
            case .dashboards: return "DashboardsUsers"
            case .sink: return service == "s3" ? "PipelineDeadLetterQueue" : "PipelineWrites"
            default: return "PipelineExportFiles"
            }
        }
        switch (area, service) {
        case (.dynamoDBExport?, "kms"), (.dynamoDBStream?, "kms"): return "TableKey"
        case (.dynamoDBExport?, "dynamodb"), (.dynamoDBStream?, "dynamodb"):
            if scope.hasSuffix("/export/*") { return "FollowTableExports" }
            if scope.contains("/stream/") { return "ReadTableStream" }
            return requests.contains { $0.area == .dynamoDBExport } ? "DescribeAndExportTable" : "DescribeTable"
        case (.s3Export?, "kms"): return "ExportFilesKey"
        case (.s3Export?, _): return "ExportFiles"
        case (.sink?, "s3"): return "DeadLetterQueue"
        case (.sink?, "aoss"): return "UseCollection"
        case (.sink?, _): return scope.hasSuffix("/*") ? "WriteToDomain" : "DescribeDomain"
        case (.dashboards?, _): return "UseDashboards"
        case (.deployment?, "osis"): return scope == "*" ? "CreateAndValidatePipelines" : "UpdatePipeline"
        case (.deployment?, "iam"): return "PassPipelineRoleToOpenSearchIngestion"
        case (.deployment?, "logs"): return "DeliverPipelineLogs"
        default: return "Statement"
        }
    }

    // MARK: Notes

    /// When the collection's data access policies do not let the pipeline role write its index,
    /// the entry to add (as JSON), and that entry as a policy the proof puts in place.
    func collectionDataAccessNote() -> (String, ServerlessPolicy)? {
        let evaluator = RequirementEvaluator(inventory: inventory)
        let requests = requirements.sink.requests.filter {
            if case .collectionDataAccess = $0.resourcePolicy { return evaluator.evaluate($0)?.verdict != .met }
            return false
        }
        guard let first = requests.first, case .collectionDataAccess(let name) = first.resourcePolicy else { return nil }
        let role = first.caller.description
        let permissions = requirements.sink.requests.filter { if case .collectionDataAccess = $0.resourcePolicy { return true }; return false }.map(\.action)
        let rule = ServerlessPolicy.Rule(resourceType: "index", resources: [first.grantScope], permissions: permissions)
        let entry = ServerlessPolicy.Entry(index: 0, rules: [rule], principals: [role])
        let json = JSONOutput.array([.object([
            ("Rules", .array([.object([("ResourceType", .string("index")), ("Resource", .array([.string(first.grantScope)])),
                                       ("Permission", .array(permissions.map(JSONOutput.string)))])])),
            ("Principal", .array([.string(role)])),
            ("Description", .string("OpenSearch Ingestion pipeline writes")),
        ])]).renderedCompact()
        let note = "collection `\(name)`: its data access policies do not let the pipeline role write `\(first.grantScope)`; add this entry to one "
            + "(an `AWS::OpenSearchServerless::AccessPolicy` of `Type` `data`): \(json)"
        return (note, ServerlessPolicy(label: "generated data access entry", name: "pipeline-writes", type: "data", entries: [entry],
                                       location: SourceLocation(file: "README.md", position: .unknown)))
    }

    /// What the user must still do, and the checks that stay open until then.
    func notes() -> ([String], Set<CheckID>) {
        var notes: [String] = []
        var leftUnknown: Set<CheckID> = []
        for part in requirements.parts {
            guard let unknown = part.unknown else { continue }
            notes.append(part.requests.isEmpty ? "`\(part.area.rawValue)`: no documents are generated for it: \(unknown)" : "`\(part.area.rawValue)`: \(unknown)")
            if let check = CheckID(area: part.area) { leftUnknown.insert(check) }
        }
        let sinkDomains = requirements.sink.requests.compactMap(\.resourcePolicy.domain).uniqued()
        for label in sinkDomains {
            guard let domain = inventory.domains.first(where: { $0.identity.label == label }), domain.fineGrainedAccessControl?.enabled == true else { continue }
            let roles = orderedRoles(requirements.sink.requests).map(label(ofRole:)).map { "`\($0)`" }.joined(separator: ", ")
            notes.append("`\(label)` uses fine-grained access control: map \(roles) to a backend role with write access to the index in OpenSearch's security plugin; until then `sink.opensearch` stays `unknown`")
            leftUnknown.insert(.openSearchSink)
        }
        if let table = requirements.pipeline.configuration.dynamoDBSources.first?.tables.first, inventory.table(arn: table.tableARN.value) == nil {
            // Its settings (point-in-time recovery for the export, the stream's view) are not in the inputs.
            for part in [requirements.dynamoDBExport, requirements.dynamoDBStream] where !part.requests.isEmpty {
                if let check = CheckID(area: part.area) { leftUnknown.insert(check) }
            }
            notes.append("table `\(table.tableARN.value)` is not in the inputs: the export needs point-in-time recovery on, the stream a NEW_IMAGE or NEW_AND_OLD_IMAGES view; the table's checks stay `unknown` until it is checked")
        }
        for role in requirements.pipeline.roleARNs where inventory.role(arn: role) == nil {
            let imported = inventory.imports[role].map { " (imported from export `\($0)`)" } ?? ""
            notes.append("role `\(role)`\(imported) is not in the inputs: attach the documents generated for it by hand; until then the checks that need its policies stay `unknown`")
            // The inputs hold neither its policies nor its trust: the proof puts the documents in
            // place, but a check of the inputs (or the patched template) cannot.
            leftUnknown.insert(.pipelineRoleTrust)
            for part in requirements.parts where part.roleARN == role && !part.requests.isEmpty {
                if let check = CheckID(area: part.area) { leftUnknown.insert(check) }
            }
        }
        if case .noRole(let domain, let poolId) = DashboardsRequirements.signIn(in: inventory) {
            notes.append("`\(domain.identity.label)` signs Dashboards users in with identity pool `\(poolId)`, but no role of the inputs is its authenticated role: no Dashboards documents are generated")
            leftUnknown.insert(.dashboardsCognito)
        }
        return (notes, leftUnknown)
    }
}

extension GeneratedStatement {
    /// Adds a request's action (sorted in) and, for resource-based statements, its scope.
    mutating func add(_ request: RequiredRequest, resource: Bool = false) {
        if !actions.contains(request.action) { actions = (actions + [request.action]).sorted() }
        if resource, !resources.contains(request.grantScope) { resources.append(request.grantScope) }
        serves.append(request)
    }
}
