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

    /// Every request of every part, in part order.
    package var requests: [RequiredRequest] { parts.flatMap(\.requests) }

    /// The actions AWS documents for a pipeline role (its sample policies), whether or not this
    /// configuration uses them: granting one of these is never over-privilege.
    package static let documentedRoleActions: [String] = [
        "dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime", "dynamodb:DescribeExport",
        "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
        "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl",
        "es:DescribeDomain", "es:ESHttp*",
        "kms:GenerateDataKey", "kms:Decrypt",
    ]

    package init(pipeline: Pipeline, inventory: Inventory) {
        var derivation = Derivation(pipeline: pipeline, inventory: inventory)
        self.pipeline = pipeline
        self.pipelineARN = derivation.pipelineARN
        self.trust = derivation.trust()
        self.dynamoDBExport = derivation.export()
        self.dynamoDBStream = derivation.stream()
        self.s3Export = derivation.s3Export()
        self.sink = derivation.sink()
    }
}

/// The partition and account of an ARN (symbolic tokens when it has none).
enum ARNParts {
    static func partition(of arn: String?) -> String {
        arn.flatMap { SplitARN($0).prefix?[1] } ?? SymbolToken.make("AWS.Partition")
    }

    static func account(of arn: String?) -> String? {
        arn.flatMap { SplitARN($0).account }.flatMap { $0.isEmpty ? nil : $0 }
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
        return "arn:\(ARNParts.partition(of: role)):osis:\(SymbolToken.make("AWS.Region")):\(ARNParts.account(of: role) ?? SymbolToken.make("AWS.AccountId")):pipeline/\(SymbolToken.make("PipelineName"))"
    }

    func session(_ roleARN: String) -> RequiredRequest.Caller {
        .roleSession(roleARN: resolvedRoleARN(roleARN), sessionName: PipelineRequirements.sessionName)
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
                    "aws:SourceAccount": .single(ARNParts.account(of: arn) ?? ""), "aws:SourceArn": .single(pipelineARN),
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

    func tableRequest(_ area: RequiredRequest.Area, role: String, _ action: String, purpose: String) -> RequiredRequest? {
        tableARN.map { arn in
            RequiredRequest(area: area, caller: session(role), action: action, resource: arn, grantScope: arn, purpose: purpose,
                            documentation: RequirementSource.dynamoDBSource)
        }
    }

    func export() -> PipelineRequirements.Part {
        guard let table, let tableARN else { return .skipped(.dynamoDBExport, "the pipeline has no DynamoDB source", location: location) }
        guard table.needsExport else { return .skipped(.dynamoDBExport, "the pipeline reads the stream only (no `export` block)", location: location) }
        guard let role = sourceRoleARN else { return .problem(.dynamoDBExport, "the DynamoDB source names no role", location: location) }
        var part = PipelineRequirements.Part(area: .dynamoDBExport, roleARN: resolvedRoleARN(role), location: location)
        part.requests = [
            tableRequest(.dynamoDBExport, role: role, "dynamodb:DescribeTable", purpose: "read the table's settings"),
            tableRequest(.dynamoDBExport, role: role, "dynamodb:DescribeContinuousBackups", purpose: "check point-in-time recovery"),
            tableRequest(.dynamoDBExport, role: role, "dynamodb:ExportTableToPointInTime", purpose: "export the table to S3"),
        ].compactMap { $0 }
        part.requests.append(RequiredRequest(
            area: .dynamoDBExport, caller: session(role), action: "dynamodb:DescribeExport",
            resource: "\(tableARN)/export/\(PipelineRequirements.exportId)", grantScope: "\(tableARN)/export/*",
            purpose: "follow the export", documentation: RequirementSource.dynamoDBSource))
        return part
    }

    func stream() -> PipelineRequirements.Part {
        guard let table, let tableARN else { return .skipped(.dynamoDBStream, "the pipeline has no DynamoDB source", location: location) }
        guard table.needsStream else { return .skipped(.dynamoDBStream, "the pipeline exports only (no `stream` block)", location: location) }
        guard let role = sourceRoleARN else { return .problem(.dynamoDBStream, "the DynamoDB source names no role", location: location) }
        let streamARN = inventory.table(arn: table.tableARN.value)?.streamARN ?? "\(tableARN)/stream/\(SymbolToken.make("StreamLabel"))"
        var part = PipelineRequirements.Part(area: .dynamoDBStream, roleARN: resolvedRoleARN(role), location: location)
        part.requests = [tableRequest(.dynamoDBStream, role: role, "dynamodb:DescribeTable", purpose: "read the table's settings")].compactMap { $0 }
        for (action, purpose) in [("dynamodb:DescribeStream", "find the stream's shards"), ("dynamodb:GetShardIterator", "start reading a shard"),
                                  ("dynamodb:GetRecords", "read the stream's records")] {
            part.requests.append(RequiredRequest(
                area: .dynamoDBStream, caller: session(role), action: action, resource: streamARN, grantScope: "\(tableARN)/stream/*",
                purpose: purpose, documentation: RequirementSource.dynamoDBSource))
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
        let partition = ARNParts.partition(of: resolvedRoleARN(role))
        let prefix = export.normalizedS3Prefix.map { $0 + "/" } ?? ""
        let objectARN = "arn:\(partition):s3:::\(bucketName)/\(prefix)AWSDynamoDB/\(PipelineRequirements.exportId)/data/part-00000.json.gz"
        let scope = "arn:\(partition):s3:::\(bucketName)/\(prefix)*"
        var part = PipelineRequirements.Part(area: .s3Export, roleARN: resolvedRoleARN(role), location: location)
        for (action, purpose) in [("s3:GetObject", "read the export files"), ("s3:PutObject", "write the export files"),
                                  ("s3:AbortMultipartUpload", "abandon a failed upload"), ("s3:PutObjectAcl", "set the export files' ACL")] {
            part.requests.append(RequiredRequest(
                area: .s3Export, caller: session(role), action: action, resource: objectARN, grantScope: scope,
                resourcePolicy: .bucketPolicy(bucket: bucketName), purpose: purpose, documentation: RequirementSource.dynamoDBSource))
        }
        // The export's own key, else the bucket's default SSE-KMS key: either way the writer needs it.
        if let keyValue = export.s3SSEKMSKeyID?.value ?? bucket?.defaultKMSKey?.value {
            let keyARN = inventory.key(keyValue)?.identity.arn ?? keyValue
            for (action, purpose) in [("kms:GenerateDataKey", "encrypt the export files"), ("kms:Decrypt", "read the export files")] {
                part.requests.append(RequiredRequest(
                    area: .s3Export, caller: session(role), action: action, resource: keyARN, grantScope: keyARN,
                    resourcePolicy: .keyPolicy(key: keyValue), purpose: purpose, documentation: RequirementSource.dynamoDBSource))
            }
        }
        return part
    }

    // MARK: OpenSearch sink

    func sink() -> PipelineRequirements.Part {
        guard let sink = pipeline.configuration.openSearchSinks.first else {
            return .skipped(.sink, "the pipeline has no OpenSearch sink", location: location)
        }
        guard let role = sink.aws?.stsRoleARN?.value ?? sourceRoleARN else {
            return .problem(.sink, "the sink names no role", location: location)
        }
        var part = PipelineRequirements.Part(area: .sink, roleARN: resolvedRoleARN(role), location: location)
        if sink.isServerless {
            part.unknown = "OpenSearch Serverless collections use data access policies, which AccessGraph does not evaluate yet"
            return part
        }
        guard let host = sink.hosts.first?.value, let domain = inventory.domain(endpoint: host) else {
            part.unknown = "the sink's host is not a domain of this template"
            return part
        }
        let domainARN = domain.identity.arn
        let index = sink.index?.value.contains("${") == false ? sink.index?.value ?? "index" : "index"
        part.requests.append(RequiredRequest(
            area: .sink, caller: session(role), action: "es:DescribeDomain", resource: domainARN, grantScope: domainARN,
            resourcePolicy: .domainPolicy(domain: domain.identity.label), purpose: "read the domain's endpoint and settings",
            documentation: RequirementSource.domainAccess))
        for (action, path, purpose) in [("es:ESHttpPost", "_bulk", "write documents in bulk"), ("es:ESHttpPut", index, "create the index"),
                                        ("es:ESHttpPost", "\(index)/_doc", "write a document")] {
            part.requests.append(RequiredRequest(
                area: .sink, caller: session(role), action: action, resource: "\(domainARN)/\(path)", grantScope: "\(domainARN)/*",
                resourcePolicy: .domainPolicy(domain: domain.identity.label), purpose: purpose, documentation: RequirementSource.domainAccess))
        }
        return part
    }
}
