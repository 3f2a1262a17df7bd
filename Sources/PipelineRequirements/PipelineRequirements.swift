import AccessInventory
import PipelineParsing
import PolicyEvaluation
import PolicyModel

/// What one OpenSearch Ingestion pipeline needs, derived from its configuration and resolved
/// against the inventory: the roles it names, and for each part it is configured to use (the
/// DynamoDB export, the stream, the S3 export files, the OpenSearch sink) the requests its role
/// must be able to make. A part that the configuration does not use is `skipped`, one it
/// configures wrongly has a `problem`.
package struct PipelineRequirements: Sendable {
    /// One part of the pipeline: the role that acts for it and the requests it needs.
    package struct Part: Sendable {
        package var area: RequiredRequest.Area
        /// The role that makes the requests (nil for the trust part, made by the service).
        package var roleARN: String?
        package var requests: [RequiredRequest]
        /// Set when the configuration does not use this part.
        package var skipped: String?
        /// Set when the configuration cannot work (a required setting is missing).
        package var problem: String?
        /// Set when what the part needs cannot be worked out from the inputs (a sink host that
        /// is not a domain of the inventory, say).
        package var unknown: String?
        /// Where the part is configured.
        package var location: SourceLocation

        init(area: RequiredRequest.Area, roleARN: String? = nil, requests: [RequiredRequest] = [], location: SourceLocation) {
            self.area = area
            self.roleARN = roleARN
            self.requests = requests
            self.location = location
        }

        static func skipped(_ area: RequiredRequest.Area, _ reason: String, location: SourceLocation) -> Part {
            var part = Part(area: area, location: location)
            part.skipped = reason
            return part
        }

        static func problem(_ area: RequiredRequest.Area, _ reason: String, location: SourceLocation) -> Part {
            var part = Part(area: area, location: location)
            part.problem = reason
            return part
        }
    }

    /// The representative session name and export id the requests use.
    package static let sessionName = "osis-pipeline"
    package static let exportId = "01700000000000-abcdef01"
    package static let service = "osis-pipelines.amazonaws.com"

    package var pipeline: Pipeline
    /// The pipeline's ARN, symbolic where the source does not say.
    package var pipelineARN: String
    package var trust: Part
    package var dynamoDBExport: Part
    package var dynamoDBStream: Part
    package var s3Export: Part
    package var sink: Part

    package var parts: [Part] { [trust, dynamoDBExport, dynamoDBStream, s3Export, sink] }

    /// The narrowest pattern that names this pipeline: its ARN, or every pipeline of its account
    /// and region when the name is not a literal (CloudFormation generates it, or naming it would
    /// make the role depend on the pipeline that depends on the role).
    package var pipelineARNScope: String {
        guard let slash = pipelineARN.lastIndex(of: "/"), SymbolToken.containsToken(String(pipelineARN[slash...])) else { return pipelineARN }
        return pipelineARN[...slash] + "*"
    }

    /// Every request of every part, in part order.
    package var requests: [RequiredRequest] { parts.flatMap(\.requests) }

    /// What the pipeline role does, part by part, on which resource and why: the one list of the
    /// pipeline's actions (AWS's sample policies on the `configure-client-ddb` and
    /// `pipeline-domain-access` pages).
    package struct RoleAction: Sendable {
        package enum Target: Sendable {
            case table, export, stream, exportObject, exportKey, domain
            /// The customer managed key the table is encrypted with.
            case tableKey
            /// An object under the sink's dead-letter queue prefix (`dlq.s3`).
            case deadLetterObject
            /// An OpenSearch Serverless collection the sink writes to.
            case collection
            /// The collection's network policy, which the pipeline creates or updates when the sink
            /// names one (`serverless_options.network_policy_name`).
            case collectionSecurityPolicy
            /// The sink's index in the collection, as the collection's data access policy names it
            /// (`index/<collection>/<index>`); decided by that policy, not by IAM.
            case collectionIndex
            /// A path under the domain (`/`, `_cluster/settings`, the index, `_bulk`).
            case domainPath(DomainPath)
        }

        package enum DomainPath: Sendable {
            /// `/`, where the sink reads the cluster's version.
            case root
            /// `_cluster/settings`, where it reads whether Index State Management is on.
            case clusterSettings
            case bulk, index
        }

        package var area: RequiredRequest.Area
        package var action: String
        package var target: Target
        package var purpose: String
    }

    package static let roleActions: [RoleAction] = [
        RoleAction(area: .dynamoDBExport, action: "dynamodb:DescribeTable", target: .table, purpose: "read the table's settings"),
        RoleAction(area: .dynamoDBExport, action: "dynamodb:DescribeContinuousBackups", target: .table, purpose: "check point-in-time recovery"),
        RoleAction(area: .dynamoDBExport, action: "dynamodb:ExportTableToPointInTime", target: .table, purpose: "export the table to S3"),
        RoleAction(area: .dynamoDBExport, action: "dynamodb:DescribeExport", target: .export, purpose: "follow the export"),
        RoleAction(area: .dynamoDBExport, action: "kms:Decrypt", target: .tableKey, purpose: "read the table's items, encrypted with its customer managed key"),
        RoleAction(area: .dynamoDBStream, action: "dynamodb:DescribeTable", target: .table, purpose: "read the table's settings"),
        RoleAction(area: .dynamoDBStream, action: "dynamodb:DescribeStream", target: .stream, purpose: "find the stream's shards"),
        RoleAction(area: .dynamoDBStream, action: "dynamodb:GetShardIterator", target: .stream, purpose: "start reading a shard"),
        RoleAction(area: .dynamoDBStream, action: "dynamodb:GetRecords", target: .stream, purpose: "read the stream's records"),
        RoleAction(area: .dynamoDBStream, action: "kms:Decrypt", target: .tableKey, purpose: "read the stream's records, encrypted with the table's customer managed key"),
        RoleAction(area: .s3Export, action: "s3:GetObject", target: .exportObject, purpose: "read the export files"),
        RoleAction(area: .s3Export, action: "s3:PutObject", target: .exportObject, purpose: "write the export files"),
        RoleAction(area: .s3Export, action: "s3:AbortMultipartUpload", target: .exportObject, purpose: "abandon a failed upload"),
        RoleAction(area: .s3Export, action: "s3:PutObjectAcl", target: .exportObject, purpose: "set the export files' ACL"),
        RoleAction(area: .s3Export, action: "kms:GenerateDataKey", target: .exportKey, purpose: "encrypt the export files"),
        RoleAction(area: .s3Export, action: "kms:Decrypt", target: .exportKey, purpose: "read the export files"),
        RoleAction(area: .sink, action: "es:DescribeDomain", target: .domain, purpose: "read the domain's endpoint and settings"),
        // The HTTP requests Data Prepper's `opensearch` sink sends to a domain, each signed as
        // `es:ESHttp<Method>` on the path (the sink's documentation, "Amazon OpenSearch Service
        // domain", and its index manager and bulk writer; AWS's `pipeline-domain-access` page
        // grants them together as `es:ESHttp*` on `domain/<name>/*`). It never writes a single
        // document (`POST <index>/_doc`): every action (`index`, `create`, `update`, `upsert`,
        // `delete`) goes through `_bulk`. Index templates and ISM policies (`template_file`,
        // `ism_policy_file`) add requests under `_index_template/` and `_plugins/_ism/`, which the
        // same `domain/<name>/*` scope covers.
        RoleAction(area: .sink, action: "es:ESHttpGet", target: .domainPath(.root), purpose: "read the cluster's version"),
        RoleAction(area: .sink, action: "es:ESHttpGet", target: .domainPath(.clusterSettings), purpose: "check whether Index State Management is on"),
        RoleAction(area: .sink, action: "es:ESHttpHead", target: .domainPath(.index), purpose: "check whether the index exists"),
        RoleAction(area: .sink, action: "es:ESHttpPut", target: .domainPath(.index), purpose: "create the index"),
        RoleAction(area: .sink, action: "es:ESHttpPost", target: .domainPath(.bulk), purpose: "write documents in bulk"),
        // A collection: the IAM side (`pipeline-collection-access`), the network policy's when the
        // sink manages it, and what the collection's data access policy must grant on the index.
        RoleAction(area: .sink, action: "aoss:BatchGetCollection", target: .collection, purpose: "find the collection's endpoint"),
        RoleAction(area: .sink, action: "aoss:APIAccessAll", target: .collection, purpose: "call the collection (its data access policy decides what)"),
        RoleAction(area: .sink, action: "aoss:CreateSecurityPolicy", target: .collectionSecurityPolicy, purpose: "create the collection's network policy"),
        RoleAction(area: .sink, action: "aoss:UpdateSecurityPolicy", target: .collectionSecurityPolicy, purpose: "update the collection's network policy"),
        RoleAction(area: .sink, action: "aoss:GetSecurityPolicy", target: .collectionSecurityPolicy, purpose: "read the collection's network policy"),
        RoleAction(area: .sink, action: "aoss:CreateIndex", target: .collectionIndex, purpose: "create the index"),
        RoleAction(area: .sink, action: "aoss:UpdateIndex", target: .collectionIndex, purpose: "update the index's mappings and settings"),
        RoleAction(area: .sink, action: "aoss:DescribeIndex", target: .collectionIndex, purpose: "check whether the index exists"),
        RoleAction(area: .sink, action: "aoss:WriteDocument", target: .collectionIndex, purpose: "write documents"),
        RoleAction(area: .sink, action: "s3:PutObject", target: .deadLetterObject, purpose: "write documents that failed to index to the dead-letter queue"),
    ]

    /// The actions AWS documents for a pipeline role doing what this pipeline is configured to do:
    /// the table's rows of the parts it uses (a stream-only pipeline has no export or S3 rows, an
    /// export-only one no stream rows), a domain's or a collection's sink rows, the dead-letter
    /// queue's only with a queue. Granting one of these is never over-privilege, even where the
    /// inputs leave a request out (a key the table may not have). The sample domain policy grants
    /// every HTTP method (`es:ESHttp*`), not only those the sink uses.
    package let documentedRoleActions: [String]

    package init(pipeline: Pipeline, inventory: Inventory) {
        let derivation = Derivation(pipeline: pipeline, inventory: inventory)
        self.pipeline = pipeline
        self.pipelineARN = derivation.pipelineARN
        self.trust = derivation.trust()
        self.dynamoDBExport = derivation.export()
        self.dynamoDBStream = derivation.stream()
        self.s3Export = derivation.s3Export()
        self.sink = derivation.sink()
        let parts = [trust, dynamoDBExport, dynamoDBStream, s3Export, sink]
        self.documentedRoleActions = Self.documentedActions(using: Set(parts.filter { $0.skipped == nil }.map(\.area)),
                                                            sink: pipeline.configuration.openSearchSinks.first)
    }

    static func documentedActions(using areas: Set<RequiredRequest.Area>, sink: OpenSearchSink?) -> [String] {
        let serverless = sink?.isServerless ?? false
        var actions = roleActions.filter { entry in
            guard areas.contains(entry.area) else { return false }
            switch entry.target {
            case .domain, .domainPath: return !serverless
            case .collection, .collectionIndex: return serverless
            case .collectionSecurityPolicy: return serverless && sink?.aws?.serverlessOptions?.networkPolicyName != nil
            case .deadLetterObject: return sink?.deadLetterQueue != nil
            default: return true
            }
        }.map(\.action)
        if areas.contains(.sink), !serverless { actions.append("es:ESHttp*") }
        return Array(Set(actions)).sorted()
    }
}

/// The partition and account of an ARN; for one that does not say (a role known only by a token
/// for its whole ARN, an S3 ARN) the stack's, as `inventory` has them; else symbolic tokens.
package enum ARNParts {
    package static func partition(of arn: String?, in inventory: Inventory? = nil) -> String {
        arn.flatMap { SplitARN($0).prefix?[1] } ?? inventory?.partition ?? SymbolToken.make("AWS.Partition")
    }

    package static func account(of arn: String?, in inventory: Inventory? = nil) -> String {
        arn.flatMap { SplitARN($0).account }.flatMap { $0.isEmpty ? nil : $0 } ?? inventory?.account ?? SymbolToken.make("AWS.AccountId")
    }
}

/// The work of `PipelineRequirements.init`, one part at a time.
private struct Derivation {
    let pipeline: Pipeline
    let inventory: Inventory
    let source: DynamoDBSource?
    let table: DynamoDBTableConfig?

    init(pipeline: Pipeline, inventory: Inventory) {
        self.pipeline = pipeline
        self.inventory = inventory
        // OSIS reads one table per pipeline (a warning says so when there are more).
        self.source = pipeline.configuration.dynamoDBSources.first
        self.table = source?.tables.first
    }

    var location: SourceLocation { pipeline.location }

    /// The role the source names, else the resource's `PipelineRoleArn`.
    var sourceRoleARN: String? { source?.aws?.stsRoleARN?.value ?? pipeline.roleARN?.value }

    /// The role ARN as the inventory has it (a pipeline file may name it by token).
    func resolvedRoleARN(_ arn: String) -> String { inventory.role(arn: arn)?.arn ?? arn }

    var pipelineARN: String {
        if let arn = pipeline.identity?.arn { return arn }
        let role = pipeline.roleARNs.first.map(resolvedRoleARN)
        return "arn:\(ARNParts.partition(of: role, in: inventory)):osis:\(SymbolToken.make("AWS.Region")):\(ARNParts.account(of: role, in: inventory)):pipeline/\(SymbolToken.make("PipelineName"))"
    }

    func session(_ roleARN: String) -> RequiredRequest.Caller {
        .roleSession(roleARN: resolvedRoleARN(roleARN), sessionName: PipelineRequirements.sessionName)
    }

    /// The part's requests from the role-action table: `locate` gives each target's resource, the
    /// scope a policy grants, and the resource-based policy that governs it (nil: not in use).
    func requests(
        _ area: RequiredRequest.Area, role: String, documentation: String,
        locate: (PipelineRequirements.RoleAction.Target) -> (resource: String, scope: String, policy: RequiredRequest.ResourcePolicySource)?
    ) -> [RequiredRequest] {
        PipelineRequirements.roleActions.filter { $0.area == area }.compactMap { entry in
            locate(entry.target).map { place in
                RequiredRequest(area: area, caller: session(role), action: entry.action, resource: place.resource, grantScope: place.scope,
                                resourcePolicy: place.policy, purpose: entry.purpose, documentation: documentation)
            }
        }
    }

    // MARK: trust

    func trust() -> PipelineRequirements.Part {
        let roles = pipeline.roleARNs
        guard !roles.isEmpty else {
            return .problem(.trust, "the pipeline names no role (`aws.sts_role_arn` or `PipelineRoleArn`)", location: location)
        }
        var part = PipelineRequirements.Part(area: .trust, location: location)
        for role in roles {
            let arn = resolvedRoleARN(role)
            part.requests.append(RequiredRequest(
                area: .trust, caller: .service(PipelineRequirements.service), action: "sts:AssumeRole", resource: arn, grantScope: arn,
                context: [
                    "aws:SourceAccount": .single(ARNParts.account(of: arn, in: inventory)), "aws:SourceArn": .single(pipelineARN),
                    "aws:PrincipalServiceName": .single(PipelineRequirements.service),
                ],
                resourcePolicy: .trustPolicy(roleARN: arn), purpose: "OpenSearch Ingestion assumes the pipeline role",
                documentation: RequirementSource.pipelineRole))
        }
        return part
    }

    // MARK: DynamoDB

    var tableARN: String? {
        table.map { inventory.table(arn: $0.tableARN.value)?.identity.arn ?? $0.tableARN.value }
    }

    /// The table's customer managed key, as a request resource, its scope and its key policy.
    var tableKey: (resource: String, scope: String, policy: RequiredRequest.ResourcePolicySource)? {
        guard let value = table.flatMap({ inventory.table(arn: $0.tableARN.value) })?.customerManagedKey?.value else { return nil }
        let arn = inventory.key(value)?.identity.arn ?? value
        return (arn, arn, .keyPolicy(key: value))
    }

    func export() -> PipelineRequirements.Part {
        guard let table, let tableARN else { return .skipped(.dynamoDBExport, "the pipeline has no DynamoDB source", location: location) }
        guard table.needsExport else { return .skipped(.dynamoDBExport, "the pipeline reads the stream only (no `export` block)", location: location) }
        guard let role = sourceRoleARN else { return .problem(.dynamoDBExport, "the DynamoDB source names no role", location: location) }
        var part = PipelineRequirements.Part(area: .dynamoDBExport, roleARN: resolvedRoleARN(role), location: location)
        part.requests = requests(.dynamoDBExport, role: role, documentation: RequirementSource.dynamoDBSource) { target in
            switch target {
            case .table: (tableARN, tableARN, .none)
            case .export: ("\(tableARN)/export/\(PipelineRequirements.exportId)", "\(tableARN)/export/*", .none)
            case .tableKey: tableKey
            default: nil
            }
        }
        return part
    }

    func stream() -> PipelineRequirements.Part {
        guard let table, let tableARN else { return .skipped(.dynamoDBStream, "the pipeline has no DynamoDB source", location: location) }
        guard table.needsStream else { return .skipped(.dynamoDBStream, "the pipeline exports only (no `stream` block)", location: location) }
        guard let role = sourceRoleARN else { return .problem(.dynamoDBStream, "the DynamoDB source names no role", location: location) }
        let streamARN = inventory.table(arn: table.tableARN.value)?.streamARN ?? "\(tableARN)/stream/\(SymbolToken.make("StreamLabel"))"
        var part = PipelineRequirements.Part(area: .dynamoDBStream, roleARN: resolvedRoleARN(role), location: location)
        part.requests = requests(.dynamoDBStream, role: role, documentation: RequirementSource.dynamoDBSource) { target in
            switch target {
            case .table: (tableARN, tableARN, .none)
            case .stream: (streamARN, "\(tableARN)/stream/*", .none)
            case .tableKey: tableKey
            default: nil
            }
        }
        return part
    }

    // MARK: S3 export files

    func s3Export() -> PipelineRequirements.Part {
        guard let table else { return .skipped(.s3Export, "the pipeline has no DynamoDB source", location: location) }
        guard let export = table.export else { return .skipped(.s3Export, "the pipeline reads the stream only (no `export` block)", location: location) }
        guard let bucketValue = export.s3Bucket?.value else { return .problem(.s3Export, "the `export` block names no `s3_bucket`", location: location) }
        // DynamoDB writes the export with the role named by `s3_sts_role_arn`, else the source's.
        guard let role = export.s3STSRoleARN?.value ?? sourceRoleARN else {
            return .problem(.s3Export, "the export names no role that writes to S3", location: location)
        }
        let bucket = inventory.bucket(named: bucketValue)
        let bucketName = bucket?.name ?? bucketValue
        let partition = ARNParts.partition(of: resolvedRoleARN(role), in: inventory)
        let prefix = export.normalizedS3Prefix.map { $0 + "/" } ?? ""
        let objectARN = "arn:\(partition):s3:::\(bucketName)/\(prefix)AWSDynamoDB/\(PipelineRequirements.exportId)/data/part-00000.json.gz"
        let scope = "arn:\(partition):s3:::\(bucketName)/\(export.s3ObjectKeyPattern)"
        // The export's own key, else the bucket's default SSE-KMS key: either way the writer needs it.
        let keyValue = export.s3SSEKMSKeyID?.value ?? bucket?.defaultKMSKey?.value
        let keyARN = keyValue.map { inventory.key($0)?.identity.arn ?? $0 }
        var part = PipelineRequirements.Part(area: .s3Export, roleARN: resolvedRoleARN(role), location: location)
        part.requests = requests(.s3Export, role: role, documentation: RequirementSource.dynamoDBSource) { target in
            switch target {
            case .exportObject: (objectARN, scope, .bucketPolicy(bucket: bucketName))
            case .exportKey: keyARN.map { ($0, $0, .keyPolicy(key: keyValue ?? $0)) }
            default: nil
            }
        }
        return part
    }

    // MARK: OpenSearch sink

    /// A collection's ARN from its endpoint (`https://<id>.<region>.aoss.amazonaws.com`).
    func collectionARN(host: String, region: String?, role: String) -> String {
        var name = host
        if let scheme = name.firstRange(of: "://") { name = String(name[scheme.upperBound...]) }
        let labels = name.prefix { $0 != "/" && $0 != ":" }.split(separator: ".").map(String.init)
        let id = labels.first ?? name
        let hostRegion = labels.count > 2 && labels[2] == "aoss" ? labels[1] : nil
        let account = ARNParts.account(of: resolvedRoleARN(role), in: inventory)
        return "arn:\(ARNParts.partition(of: resolvedRoleARN(role), in: inventory)):aoss:\(hostRegion ?? region ?? SymbolToken.make("AWS.Region")):\(account):collection/\(id)"
    }

    /// Every `opensearch` sink of every sub-pipeline (OSIS allows several sinks and sub-pipelines):
    /// one part with all their requests, the first sink's role, and the first problem or unknown.
    func sink() -> PipelineRequirements.Part {
        let parts = pipeline.configuration.openSearchSinks.map(sink(_:))
        guard var combined = parts.first else {
            return .skipped(.sink, "the pipeline has no OpenSearch sink", location: location)
        }
        for part in parts.dropFirst() {
            combined.requests += part.requests
            combined.problem = combined.problem ?? part.problem
            combined.unknown = combined.unknown ?? part.unknown
        }
        return combined
    }

    func sink(_ sink: OpenSearchSink) -> PipelineRequirements.Part {
        guard let role = sink.aws?.stsRoleARN?.value ?? sourceRoleARN else {
            return .problem(.sink, "the sink names no role", location: location)
        }
        var part = PipelineRequirements.Part(area: .sink, roleARN: resolvedRoleARN(role), location: location)
        if sink.isServerless {
            collectionSink(sink, role: role, into: &part)
            return part
        }
        guard let host = sink.hosts.first?.value, let domain = inventory.domain(endpoint: host) else {
            part.unknown = "the domain at `\(sink.hosts.first?.value ?? "")` is not in the inputs, so whether the sink's role may write to it is unknown "
                + "(a template that defines the domain, or `aws opensearch describe-domain`, would tell)"
            return part
        }
        let domainARN = domain.identity.arn
        let index = indexName(sink)
        let policy = RequiredRequest.ResourcePolicySource.domainPolicy(domain: domain.identity.label)
        part.requests = requests(.sink, role: role, documentation: RequirementSource.domainAccess) { target in
            switch target {
            case .domain: (domainARN, domainARN, policy)
            case .domainPath(.root): ("\(domainARN)/", "\(domainARN)/*", policy)
            case .domainPath(.clusterSettings): ("\(domainARN)/_cluster/settings", "\(domainARN)/*", policy)
            case .domainPath(.bulk): ("\(domainARN)/_bulk", "\(domainARN)/*", policy)
            case .domainPath(.index): ("\(domainARN)/\(index)", "\(domainARN)/*", policy)
            default: nil
            }
        }
        if let queue = sink.deadLetterQueue, let bucketValue = queue.bucket?.value {
            // The queue may write with a role of its own.
            let queueRole = queue.stsRoleARN?.value ?? role
            let bucketName = inventory.bucket(named: bucketValue)?.name ?? bucketValue
            let prefix = queue.normalizedKeyPathPrefix.map { $0 + "/" } ?? ""
            let partition = ARNParts.partition(of: resolvedRoleARN(queueRole), in: inventory)
            part.requests += requests(.sink, role: queueRole, documentation: RequirementSource.deadLetterQueue) { target in
                guard case .deadLetterObject = target else { return nil }
                return ("arn:\(partition):s3:::\(bucketName)/\(prefix)dlq-\(PipelineRequirements.exportId).json", "arn:\(partition):s3:::\(bucketName)/\(prefix)*",
                        .bucketPolicy(bucket: bucketName))
            }
        }
        return part
    }
    /// The index the sink writes: as written, or `index` when Data Prepper computes it per event.
    func indexName(_ sink: OpenSearchSink) -> String {
        sink.index?.value.contains("${") == false ? sink.index?.value ?? "index" : "index"
    }

    // MARK: OpenSearch Serverless sink

    /// A collection: the IAM side on the collection, the network policy's actions when the sink
    /// manages one, and what the data access policy must grant on the index. A collection the
    /// inputs cannot name (not in the template, no `collection_name`) leaves the data side unknown.
    func collectionSink(_ sink: OpenSearchSink, role: String, into part: inout PipelineRequirements.Part) {
        let options = sink.aws?.serverlessOptions
        let host = sink.hosts.first?.value
        let collection = inventory.collection(endpoint: host, name: options?.collectionName?.value)
        guard let arn = collection?.identity.arn ?? host.map({ collectionARN(host: $0, region: sink.aws?.region?.value, role: role) }) else { return }
        let name = collection?.name ?? options?.collectionName?.value
        let index = indexName(sink)
        part.requests = requests(.sink, role: role, documentation: RequirementSource.collectionAccess) { target in
            switch target {
            case .collection: (arn, arn, .none)
            case .collectionSecurityPolicy: options?.networkPolicyName != nil && name != nil ? ("*", "*", .none) : nil
            case .collectionIndex: name.map { ("index/\($0)/\(index)", "index/\($0)/*", .collectionDataAccess(collection: $0)) }
            default: nil
            }
        }
        // The network policy's actions are scoped to the collection by `aoss:collection`.
        for offset in part.requests.indices where part.requests[offset].action.hasSuffix("SecurityPolicy") {
            part.requests[offset].context["aoss:collection"] = name.map { .single($0) }
        }
        if name == nil {
            part.unknown = "whether the data access policy of collection `\(host ?? "")` lets the pipeline role write is unknown: the collection is not in the inputs "
                + "and the sink names no `serverless_options.collection_name`; the policy must grant the role `aoss:CreateIndex`, `aoss:UpdateIndex`, "
                + "`aoss:DescribeIndex` and `aoss:WriteDocument` on the collection's indexes"
        }
    }
}
