import PipelineParsing
import PolicyEvaluation
import PolicyModel
import TemplateParsing

/// The pipeline checks, each with a stable id: can the OSIS pipeline assume its role, read the
/// table (export and stream), write export files to S3, write the sink, and do Dashboards users
/// get in through Cognito. Each evaluates concrete requests with the `Authorizer`.
package struct PipelineChecks {
    package static let osisService = "osis-pipelines.amazonaws.com"
    static let sessionName = "osis-pipeline"
    /// Representative ids for the sub-resources a pipeline touches at run time.
    static let exportId = "01700000000000-abcdef01"

    let stack: Stack
    let evaluator = RequestEvaluator()

    package init(stack: Stack) {
        self.stack = stack
    }

    package func run() -> [CheckResult] {
        guard let pipeline = stack.pipelines.first else {
            return Self.ids.map { id in
                CheckResult(id: id, title: Self.titles[id] ?? id, status: .skipped,
                            reason: "the template has no `AWS::OSIS::Pipeline` and no `--pipeline` was given", requests: [], location: nil)
            }
        }
        return [
            trustCheck(pipeline), exportCheck(pipeline), streamCheck(pipeline), s3ExportCheck(pipeline), sinkCheck(pipeline),
            cognitoCheck(pipeline),
        ]
    }

    package static let ids = ["trust.pipeline-role", "source.dynamodb.export", "source.dynamodb.stream", "source.s3.export", "sink.opensearch", "dashboards.cognito"]
    static let titles = [
        "trust.pipeline-role": "osis-pipelines.amazonaws.com can assume the pipeline role",
        "source.dynamodb.export": "the pipeline role can export the table to S3",
        "source.dynamodb.stream": "the pipeline role can read the table's stream",
        "source.s3.export": "the pipeline role can read and write the export files",
        "sink.opensearch": "the pipeline role can write to the OpenSearch domain",
        "dashboards.cognito": "Dashboards users sign in through Cognito, and only authenticated ones",
    ]

    // MARK: Shared lookups

    var source: DynamoDBSource? { stack.pipelines.first?.configuration.dynamoDBSources.first }
    var tableConfig: DynamoDBTableConfig? { source?.tables.first }

    /// The role the source (or the template's `PipelineRoleArn`) names.
    func pipelineRole(_ pipeline: StackPipeline) -> (arn: String, role: StackRole?)? {
        let arn = source?.aws?.stsRoleARN?.value ?? pipeline.resource?.pipelineRoleArn?.value
        return arn.map { ($0, stack.role(arn: $0)) }
    }

    func result(_ id: String, _ requests: [EvaluatedRequest], extra: [String] = [], passReason: String, location: SourceLocation?) -> CheckResult {
        var status = requests.combinedStatus
        var reason = requests.firstProblem ?? passReason
        if status != .fail, let problem = extra.first {
            status = .fail
            reason = problem
        }
        return CheckResult(id: id, title: Self.titles[id] ?? id, status: status, reason: reason, requests: requests, location: location)
    }

    func unknown(_ id: String, _ reason: String, location: SourceLocation?) -> CheckResult {
        CheckResult(id: id, title: Self.titles[id] ?? id, status: .unknown, reason: reason, requests: [], location: location)
    }

    func skipped(_ id: String, _ reason: String) -> CheckResult {
        CheckResult(id: id, title: Self.titles[id] ?? id, status: .skipped, reason: reason, requests: [], location: nil)
    }

    func request(_ role: StackRole, _ action: String, _ resource: String, context: [String: ContextValue] = [:]) -> AuthorizationRequest {
        role.sessionRequest(action, resource, sessionName: Self.sessionName, context: context)
    }

    // MARK: trust.pipeline-role

    func trustCheck(_ pipeline: StackPipeline) -> CheckResult {
        let id = "trust.pipeline-role"
        // Every role the pipeline names (source, sink, export, `PipelineRoleArn`) must trust OSIS.
        let arns = Array(Set(pipeline.configuration.stsRoleARNs.map(\.value) + [pipeline.resource?.pipelineRoleArn?.value].compactMap { $0 })).sorted()
        guard !arns.isEmpty else {
            return CheckResult(id: id, title: Self.titles[id] ?? id, status: .fail, reason: "the pipeline names no role (`aws.sts_role_arn` or `PipelineRoleArn`)",
                               requests: [], location: stack.location(pipeline))
        }
        let roles = arns.map { ($0, stack.role(arn: $0)) }
        if let missing = roles.first(where: { $0.1 == nil }) {
            return unknown(id, "the pipeline role `\(missing.0)` is not defined in this template", location: stack.location(pipeline))
        }
        let results = roles.compactMap(\.1).map { trust(for: $0, pipeline: pipeline) }
        return results.first { $0.status == .fail } ?? results.first { $0.status == .unknown } ?? results.first
            ?? unknown(id, "no pipeline role", location: nil)
    }

    func trust(for role: StackRole, pipeline: StackPipeline) -> CheckResult {
        let id = "trust.pipeline-role"
        let partition = role.arn.split(separator: ":").dropFirst().first.map(String.init) ?? SymbolToken.make("AWS.Partition")
        let pipelineARN = pipeline.resource?.arn ?? "arn:\(partition):osis:\(SymbolToken.make("AWS.Region")):\(role.account ?? ""):pipeline/\(SymbolToken.make("PipelineName"))"
        let request = AuthorizationRequest(
            principal: RequestPrincipal(Self.osisService), action: "sts:AssumeRole", resource: role.arn, resourceAccount: role.account,
            context: RequestContext([
                "aws:SourceAccount": .single(role.account ?? ""), "aws:SourceArn": .single(pipelineARN),
                "aws:PrincipalServiceName": .single(Self.osisService),
            ]))
        let evaluated = evaluator.evaluate(request, policies: PolicySet(resource: role.trust), expect: .allow)
        return result(id, [evaluated], passReason: "`\(role.logicalId)` trusts `\(Self.osisService)`", location: role.location)
    }

    // MARK: source.dynamodb.export and .stream

    func exportCheck(_ pipeline: StackPipeline) -> CheckResult {
        let id = "source.dynamodb.export"
        guard let table = tableConfig else { return skipped(id, "the pipeline has no DynamoDB source") }
        guard table.needsExport else { return skipped(id, "the pipeline reads the stream only (no `export` block)") }
        guard let (_, maybeRole) = pipelineRole(pipeline), let role = maybeRole else {
            return unknown(id, "the pipeline role is not defined in this template", location: stack.location(pipeline))
        }
        let tableARN = resolvedTableARN(table.tableARN.value)
        let policies = role.identityPolicies
        var requests = ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime"].map {
            evaluator.evaluate(request(role, $0, tableARN), policies: policies, expect: .allow)
        }
        requests.append(evaluator.evaluate(request(role, "dynamodb:DescribeExport", "\(tableARN)/export/\(Self.exportId)"), policies: policies, expect: .allow))
        var extra: [String] = []
        guard let tableResource = stack.table(arn: table.tableARN.value) else {
            return CheckResult(id: id, title: Self.titles[id] ?? id, status: requests.combinedStatus == .fail ? .fail : .unknown,
                               reason: requests.firstProblem ?? "table `\(table.tableARN.value)` is not in this template, so whether point-in-time recovery is on is unknown",
                               requests: requests, location: role.location)
        }
        if !tableResource.pointInTimeRecoveryEnabled {
            extra.append("point-in-time recovery is off on `\(tableResource.logicalId)`; DynamoDB exports need it")
        }
        return result(id, requests, extra: extra,
                      passReason: "`\(role.logicalId)` may describe and export `\(tableARN)`, and point-in-time recovery is on",
                      location: role.location)
    }

    func streamCheck(_ pipeline: StackPipeline) -> CheckResult {
        let id = "source.dynamodb.stream"
        guard let table = tableConfig else { return skipped(id, "the pipeline has no DynamoDB source") }
        guard table.needsStream else { return skipped(id, "the pipeline exports only (no `stream` block)") }
        guard let (_, maybeRole) = pipelineRole(pipeline), let role = maybeRole else {
            return unknown(id, "the pipeline role is not defined in this template", location: stack.location(pipeline))
        }
        let tableARN = resolvedTableARN(table.tableARN.value)
        let tableResource = stack.table(arn: table.tableARN.value)
        let streamARN = tableResource?.streamArn ?? "\(tableARN)/stream/\(SymbolToken.make("StreamLabel"))"
        let policies = role.identityPolicies
        var requests = [evaluator.evaluate(request(role, "dynamodb:DescribeTable", tableARN), policies: policies, expect: .allow)]
        requests += ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"].map {
            evaluator.evaluate(request(role, $0, streamARN), policies: policies, expect: .allow)
        }
        var extra: [String] = []
        guard let tableResource else {
            return CheckResult(id: id, title: Self.titles[id] ?? id, status: requests.combinedStatus == .fail ? .fail : .unknown,
                               reason: requests.firstProblem ?? "table `\(table.tableARN.value)` is not in this template, so its stream settings are unknown",
                               requests: requests, location: role.location)
        }
        do {
            switch tableResource.streamViewType {
            case "NEW_IMAGE", "NEW_AND_OLD_IMAGES": break
            case nil: extra.append("`\(tableResource.logicalId)` has no stream; set `StreamSpecification.StreamViewType` to `NEW_IMAGE` or `NEW_AND_OLD_IMAGES`")
            case let other?: extra.append("`\(tableResource.logicalId)` streams `\(other)`; the pipeline needs `NEW_IMAGE` or `NEW_AND_OLD_IMAGES`")
            }
        }
        return result(id, requests, extra: extra, passReason: "`\(role.logicalId)` may read the stream of `\(tableARN)`, which carries new images",
                      location: role.location)
    }

    func resolvedTableARN(_ value: String) -> String {
        stack.table(arn: value)?.arn ?? value
    }

    // MARK: source.s3.export

    func s3ExportCheck(_ pipeline: StackPipeline) -> CheckResult {
        let id = "source.s3.export"
        guard let table = tableConfig else { return skipped(id, "the pipeline has no DynamoDB source") }
        guard let export = table.export else { return skipped(id, "the pipeline reads the stream only (no `export` block)") }
        guard let bucketValue = export.s3Bucket?.value else {
            return CheckResult(id: id, title: Self.titles[id] ?? id, status: .fail, reason: "the `export` block names no `s3_bucket`", requests: [],
                               location: stack.location(pipeline))
        }
        // DynamoDB writes the export with the role named by `s3_sts_role_arn`, else the source's.
        let roleARN = export.s3STSRoleARN?.value ?? pipelineRole(pipeline)?.arn
        guard let roleARN, let role = stack.role(arn: roleARN) else {
            return unknown(id, "the role that writes the export is not defined in this template", location: stack.location(pipeline))
        }
        let bucket = stack.bucket(named: bucketValue)
        let bucketName = bucket?.resource.bucketName ?? bucketValue
        let partition = role.arn.split(separator: ":").dropFirst().first.map(String.init) ?? "aws"
        let prefix = export.normalizedS3Prefix.map { $0.isEmpty ? "" : ($0.hasSuffix("/") ? $0 : $0 + "/") } ?? ""
        let objectARN = "arn:\(partition):s3:::\(bucketName)/\(prefix)AWSDynamoDB/\(Self.exportId)/data/part-00000.json.gz"
        var policies = role.identityPolicies
        policies.resource = bucket?.policy
        policies.s3RestrictPublicBuckets = bucket?.resource.publicAccessBlock?.restrictPublicBuckets
        var requests = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl"].map {
            evaluator.evaluate(request(role, $0, objectARN), policies: policies, expect: .allow)
        }
        // The export's own key, else the bucket's default SSE-KMS key: either way the writer needs it.
        let bucketKey = bucket?.resource.encryption.first { $0.algorithm?.hasPrefix("aws:kms") == true }?.kmsMasterKeyId?.value
        if let keyValue = export.s3SSEKMSKeyID?.value ?? bucketKey {
            let key = stack.keys.first { $0.arn == keyValue || $0.keyId == keyValue || stack.referencedLogicalId(keyValue) == $0.logicalId }
            var keyPolicies = role.identityPolicies
            keyPolicies.resource = key?.keyPolicy.map { NamedPolicy(id: "\(key?.logicalId ?? "key").KeyPolicy", document: $0) }
            var keyRequests = ["kms:GenerateDataKey", "kms:Decrypt"].map {
                evaluator.evaluate(request(role, $0, key?.arn ?? keyValue), policies: keyPolicies, expect: .allow)
            }
            if key?.keyPolicy == nil {
                // KMS decides on the key's own policy, which is not in this template.
                keyRequests = keyRequests.map { request in
                    var copy = request
                    copy.status = .unknown
                    copy.unresolved.append("key `\(keyValue)` is not in this template, so its key policy is unknown")
                    return copy
                }
            }
            requests += keyRequests
        }
        if bucket == nil {
            requests = requests.map { request in
                var copy = request
                if copy.status == .pass {
                    copy.status = .unknown
                    copy.unresolved.append("bucket `\(bucketValue)` is not in this template, so its bucket policy is unknown")
                }
                return copy
            }
        }
        return result(id, requests, passReason: "`\(role.logicalId)` may read and write `\(bucketName)/\(prefix)*`, and the bucket policy does not deny it",
                      location: bucket?.policyPosition.map { stack.location($0) } ?? role.location)
    }

    // MARK: sink.opensearch

    func sinkCheck(_ pipeline: StackPipeline) -> CheckResult {
        let id = "sink.opensearch"
        guard let sink = pipeline.configuration.openSearchSinks.first else { return skipped(id, "the pipeline has no OpenSearch sink") }
        if sink.isServerless { return unknown(id, "OpenSearch Serverless collections use data access policies, which AccessGraph does not evaluate yet", location: nil) }
        let roleARN = sink.aws?.stsRoleARN?.value ?? source?.aws?.stsRoleARN?.value ?? pipeline.resource?.pipelineRoleArn?.value
        guard let roleARN, let role = stack.role(arn: roleARN) else {
            return unknown(id, "the sink's role is not defined in this template", location: stack.location(pipeline))
        }
        guard let host = sink.hosts.first?.value, let domain = stack.domain(endpoint: host) else {
            return unknown(id, "the sink's host is not a domain of this template", location: stack.location(pipeline))
        }
        let domainARN = domain.resource.arn
        let index = sink.index?.value.contains("${") == false ? sink.index?.value ?? "index" : "index"
        var policies = role.identityPolicies
        policies.resource = domain.accessPolicy
        var requests = [evaluator.evaluate(request(role, "es:DescribeDomain", domainARN), policies: policies, expect: .allow)]
        requests += [("es:ESHttpPost", "\(domainARN)/_bulk"), ("es:ESHttpPut", "\(domainARN)/\(index)"), ("es:ESHttpPost", "\(domainARN)/\(index)/_doc")].map {
            evaluator.evaluate(request(role, $0.0, $0.1), policies: policies, expect: .allow)
        }
        if let security = domain.resource.advancedSecurity, security.enabled, security.masterUserARN?.value != role.arn, requests.combinedStatus == .pass {
            // Fine-grained access control authorizes again after IAM, through role mappings that
            // live in the domain, not the template.
            return CheckResult(id: id, title: Self.titles[id] ?? id, status: .unknown,
                               reason: "IAM allows `\(role.logicalId)`, but `\(domain.resource.logicalId)` has fine-grained access control and the role is not its master user; whether the role is mapped (e.g. to `all_access`) is not in the template",
                               requests: requests, location: stack.location(domain.resource.position))
        }
        let through = domain.accessPolicy == nil ? "the role's policies (the domain has no access policy)" : "the role's policies and the domain access policy"
        return result(id, requests, passReason: "`\(role.logicalId)` may describe `\(domain.resource.logicalId)` and write `\(index)` through \(through)",
                      location: stack.location(domain.accessPolicyPosition ?? domain.resource.position))
    }

    // MARK: dashboards.cognito

    /// Every Allow of the trust that admits the Cognito provider requires `aud` = `poolId`.
    func trustPinsAudience(_ role: StackRole, to poolId: String) -> Bool {
        let allows = role.trust.document.statements.filter { statement in
            statement.effect == .allow && (statement.principal?.entries.contains { $0.value == "cognito-identity.amazonaws.com" } ?? false)
        }
        return !allows.isEmpty && allows.allSatisfy { statement in
            statement.conditions.contains { clause in
                clause.lookupKey == "cognito-identity.amazonaws.com:aud" && !clause.operator.base.isNegated && !clause.operator.ifExists
                    && clause.operator.qualifier == nil && clause.values.allSatisfy { $0.text == poolId }
            }
        }
    }

    func cognitoCheck(_ pipeline: StackPipeline) -> CheckResult {
        let id = "dashboards.cognito"
        guard let domain = stack.domains.first(where: { $0.resource.cognito?.enabled == true }) else {
            return skipped(id, "no domain signs Dashboards users in with Cognito")
        }
        guard let poolId = domain.resource.cognito?.identityPoolId?.value else {
            return CheckResult(id: id, title: Self.titles[id] ?? id, status: .fail, reason: "Cognito is enabled on `\(domain.resource.logicalId)` without an identity pool",
                               requests: [], location: stack.location(domain.resource.position))
        }
        let pool = stack.identityPools.first { $0.identityPoolId == poolId }
        let attachment = stack.roleAttachments.first { $0.identityPoolId.value == poolId }
        guard let authenticatedARN = attachment?.authenticatedRoleArn?.value, let role = stack.role(arn: authenticatedARN) else {
            return unknown(id, "no authenticated role of this template is attached to identity pool `\(poolId)`", location: stack.location(domain.resource.position))
        }
        let federated = "cognito-identity.amazonaws.com"
        func assume(amr: [String], aud: String) -> AuthorizationRequest {
            AuthorizationRequest(principal: RequestPrincipal(federated), action: "sts:AssumeRoleWithWebIdentity", resource: role.arn, resourceAccount: role.account,
                                 context: RequestContext(["cognito-identity.amazonaws.com:aud": .single(aud), "cognito-identity.amazonaws.com:amr": .multiple(amr)]))
        }
        let trust = PolicySet(resource: role.trust)
        var requests = [
            evaluator.evaluate(assume(amr: ["authenticated", "cognito-idp.amazonaws.com"], aud: poolId), policies: trust, expect: .allow),
            evaluator.evaluate(assume(amr: ["unauthenticated"], aud: poolId), policies: trust, expect: .implicitDeny),
        ]
        var extra: [String] = []
        if SymbolToken.containsToken(poolId) {
            // Another pool's id cannot be told apart from a symbolic one by evaluation; require the
            // trust to pin `aud` to this pool instead.
            if !trustPinsAudience(role, to: poolId) {
                extra.append("the trust policy of `\(role.logicalId)` does not require `cognito-identity.amazonaws.com:aud` to be `\(poolId)`, so identities of other pools can assume it")
            }
        } else {
            let otherPool = "us-east-1:00000000-0000-0000-0000-000000000000"
            requests.append(evaluator.evaluate(assume(amr: ["authenticated"], aud: otherPool), policies: trust, expect: .implicitDeny))
        }
        var sessionPolicies = role.identityPolicies
        sessionPolicies.resource = domain.accessPolicy
        let dashboards = role.sessionRequest("es:ESHttpGet", "\(domain.resource.arn)/_dashboards/app/home", sessionName: "CognitoIdentityCredentials")
        requests.append(evaluator.evaluate(dashboards, policies: sessionPolicies, expect: .allow))
        if pool?.allowUnauthenticatedIdentities == true {
            extra.append("identity pool `\(pool?.logicalId ?? poolId)` allows unauthenticated identities")
        }
        return result(id, requests, extra: extra,
                      passReason: "`\(role.logicalId)` is assumable only by authenticated identities of the pool, and the domain policy lets it in",
                      location: role.location)
    }
}
