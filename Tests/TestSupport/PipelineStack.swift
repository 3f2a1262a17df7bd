/// A table streamed and exported into a domain by a pipeline whose role may do exactly that, as
/// AWS documents it: the least-privilege stack that tests break one change at a time.
package enum PipelineStack {
    package static let roleName = "orders-pipeline-role"
    /// The pipeline role as the domain and key policies name it: by its ARN, since naming the
    /// role's resource would close a dependency cycle (its policy names them).
    package static let pipelineRolePrincipal = TestPrincipal.aws(.roleARN(named: roleName))
    package static let osisTrust = TestPolicy.service("osis-pipelines.amazonaws.com", when: [.stringEquals("aws:SourceAccount", .accountId)])

    /// The pipeline role's policy as AWS documents it, each action scoped to its resource.
    package static let pipelinePolicy = TestPolicy([
        .allow(["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime"], on: .arn(of: "Orders")),
        .allow(["dynamodb:DescribeExport"], on: .arn(of: "Orders") + "/export/*"),
        .allow(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], on: .arn(of: "Orders") + "/stream/*"),
        .allow(["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl"], on: .arn(of: "Exports") + "/ddb/*"),
        .allow(["es:DescribeDomain"], on: .arn(of: "Search")),
        .allow(["es:ESHttp*"], on: .arn(of: "Search") + "/*"),
    ], name: "Pipeline")

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
}
