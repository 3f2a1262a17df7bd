/// A table streamed and exported into a domain by a pipeline whose role may do exactly that, as
/// AWS documents it: the least-privilege stack that tests break one change at a time.
package enum PipelineStack {
    package static let roleName = "orders-pipeline-role"
    /// The pipeline role as the domain and key policies name it: by its ARN, since naming the
    /// role's resource would close a dependency cycle (its policy names them).
    package static let pipelineRolePrincipal = TestPrincipal.aws(.roleARN(named: roleName))
    package static let osisTrust = TestPolicy.service("osis-pipelines.amazonaws.com", when: [.stringEquals("aws:SourceAccount", .accountId)])

    /// The pipeline role's policy as AWS documents it, each action scoped to its resource.
    package static let pipelinePolicy = policy(table: .arn(of: "Orders"), bucket: .arn(of: "Exports"), domain: .arn(of: "Search"))

    /// The same policy for a table, export bucket and domain named by these ARNs (imported from
    /// another stack, passed to a nested stack).
    package static func policy(table: TestValue, bucket: TestValue, domain: TestValue) -> TestPolicy {
        TestPolicy([
            .allow(["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime"], on: table),
            .allow(["dynamodb:DescribeExport"], on: table + "/export/*"),
            .allow(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], on: table + "/stream/*"),
            .allow(["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl"], on: bucket + "/ddb/*"),
            .allow(["es:DescribeDomain"], on: domain),
            .allow(["es:ESHttp*"], on: domain + "/*"),
        ], name: "Pipeline")
    }

    package static let configuration = TestPipeline(
        table: .arn(of: "Orders"), export: .bucket(.ref("Exports"), prefix: "ddb/"), role: .arn(of: "PipelineRole"),
        sink: .domain("Search", role: .arn(of: "PipelineRole")))

    /// A table streamed and exported into a domain, with a role that may do exactly that.
    /// - Parameter pipelineRole: the pipeline resource's `PipelineRoleArn`.
    package static func stack(
        configuration: TestPipeline = configuration, pipelineRolePolicies: [TestPolicy] = [pipelinePolicy], pipelineRole: TestValue? = .arn(of: "PipelineRole")
    ) -> TestStack {
        TestStack()
            .role("PipelineRole", name: roleName, trust: osisTrust, policies: pipelineRolePolicies)
            .table("Orders", name: "orders", pointInTimeRecovery: true, stream: .newImage)
            .bucket("Exports", name: "orders-exports", blockPublicAccess: true)
            .domain("Search", name: "orders-search", accessPolicy: TestPolicy([
                TestStatement.allow(["es:DescribeDomain", "es:ESHttp*"], on: [.regionalARN("es", "domain/orders-search"), .regionalARN("es", "domain/orders-search/*")])
                    .by(pipelineRolePrincipal),
            ]))
            .pipeline("Pipeline", role: pipelineRole, configuration: configuration, logging: true)
    }

    /// The second pipeline of `twoPipelines`: `Customers` streamed into the same domain's
    /// `customers` index as `CustomersRole`.
    package static let customersConfiguration = TestPipeline(
        table: .arn(of: "Customers"), role: .arn(of: "CustomersRole"), sink: .domain("Search", index: "customers", role: .arn(of: "CustomersRole")))

    /// What `CustomersRole` needs for `customersConfiguration`: describe the table, read its stream,
    /// write the domain.
    package static let customersPolicy = TestPolicy([
        .allow(["dynamodb:DescribeTable"], on: .arn(of: "Customers")),
        .allow(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], on: .arn(of: "Customers") + "/stream/*"),
        .allow(["es:DescribeDomain"], on: .arn(of: "Search")),
        .allow(["es:ESHttp*"], on: .arn(of: "Search") + "/*"),
    ], name: "Customers")

    /// `stack()` with a second pipeline of its own (`CustomersPipeline`, named
    /// `customers-pipeline`), its table and its role: two sets of pipeline checks.
    package static func twoPipelines(pipelineRolePolicies: [TestPolicy] = [pipelinePolicy], customersRolePolicies: [TestPolicy] = [customersPolicy]) -> TestStack {
        stack(pipelineRolePolicies: pipelineRolePolicies)
            .role("CustomersRole", name: "customers-pipeline-role", trust: osisTrust, policies: customersRolePolicies)
            .table("Customers", name: "customers", pointInTimeRecovery: true, stream: .newImage)
            .pipeline("CustomersPipeline", name: "customers-pipeline", role: .arn(of: "CustomersRole"), configuration: customersConfiguration, logging: true)
    }
}

/// `PipelineStack`'s application as two CDK stacks: `Storage` (the table, the export bucket and
/// the domain) exports what `Ingestion` (the pipeline and its role) imports, as CDK writes a
/// cross-stack reference (`Fn::ImportValue` of `Storage:ExportsOutput…`).
package enum SplitPipelineStack {
    package static let tableARN = "Storage:ExportsOutputFnGetAttOrdersArn1A2B3C4D"
    package static let bucketName = "Storage:ExportsOutputRefExportsB1C2D3E4"
    package static let bucketARN = "Storage:ExportsOutputFnGetAttExportsArnC3D4E5F6"
    package static let domainARN = "Storage:ExportsOutputFnGetAttSearchArnD4E5F6A7"
    package static let domainEndpoint = "Storage:ExportsOutputFnGetAttSearchDomainEndpointE5F6A7B8"

    /// The table, bucket and domain, exporting what the pipeline's stack names.
    package static func storage(name: String = "Storage.template.json") -> TestStack {
        TestStack(name: name)
            .table("Orders", name: "orders", pointInTimeRecovery: true, stream: .newImage)
            .bucket("Exports", name: "orders-exports", blockPublicAccess: true)
            .domain("Search", name: "orders-search", accessPolicy: TestPolicy([
                TestStatement.allow(["es:DescribeDomain", "es:ESHttp*"], on: [.regionalARN("es", "domain/orders-search"), .regionalARN("es", "domain/orders-search/*")])
                    .by(PipelineStack.pipelineRolePrincipal),
            ]))
            .output(String(tableARN.dropFirst(8)), value: .arn(of: "Orders"), export: tableARN)
            .output(String(bucketName.dropFirst(8)), value: .ref("Exports"), export: bucketName)
            .output(String(bucketARN.dropFirst(8)), value: .arn(of: "Exports"), export: bucketARN)
            .output(String(domainARN.dropFirst(8)), value: .arn(of: "Search"), export: domainARN)
            .output(String(domainEndpoint.dropFirst(8)), value: .endpoint(of: "Search"), export: domainEndpoint)
    }

    /// The pipeline role's policy naming the other stack's resources through its exports.
    package static let pipelinePolicy = PipelineStack.policy(table: .importValue(tableARN), bucket: .importValue(bucketARN), domain: .importValue(domainARN))

    /// The pipeline and its role, reading and writing the storage stack's resources.
    package static func ingestion(name: String = "Ingestion.template.json", policies: [TestPolicy] = [pipelinePolicy]) -> TestStack {
        TestStack(name: name)
            .role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust, policies: policies)
            .pipeline("Pipeline", role: .arn(of: "PipelineRole"), configuration: TestPipeline(
                table: .importValue(tableARN), export: .bucket(.importValue(bucketName), prefix: "ddb/"), role: .arn(of: "PipelineRole"),
                sink: .host("https://" + .importValue(domainEndpoint), role: .arn(of: "PipelineRole"))), logging: true)
    }
}
