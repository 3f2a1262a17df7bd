/// The reference stack (the CDK-synthesized `DashboardStack` the CLI bundles) as a `TestStack`, so
/// a test breaks it in one place with a labelled edit, and the logical ids it uses.
package enum ReferenceStack {
    /// The role the pipeline runs as (source, export and sink).
    package static let pipelineRole = "OpenSearchIngestionRoleZeroETLAAE46A77"
    package static let table = "DynamoDBTable59784FC0"
    package static let exportBucket = "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB"
    package static let exportBucketPolicy = "OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56"
    package static let domain = "ZeroETLDashboardDemoLC05C24EB"
    package static let identityPool = "CognitoIdentityPool"
    /// The role the identity pool gives authenticated Dashboards users.
    package static let dashboardsRole = "authRoleIdentity9316A68D"
    /// The Lambda role of CDK's custom resource; it trusts only `lambda.amazonaws.com`.
    package static let customResourceRole = "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2"
    package static let pipeline = "OpenSearchZeroETLPipeline"

    /// The concrete template (account 123456789012, us-east-1).
    package static func stack() throws -> TestStack {
        let file = SeedStack.File.concreteTemplate
        return try TestStack(templateJSON: file.text, name: file.fileName)
    }

    /// The seed pipeline's configuration from labelled parts: the same table, stream, export
    /// bucket and prefix, roles, domain and index, without the comments and Data Prepper
    /// expressions (which no check reads).
    package static let pipelineConfiguration = TestPipeline(
        table: .arn(of: table), stream: true,
        export: .bucket(.ref(exportBucket), prefix: "ddb-to-opensearch-export/", region: "us-east-1"),
        role: .arn(of: pipelineRole), region: "us-east-1",
        sink: .domain(domain, index: "table-index", role: .arn(of: pipelineRole), region: "us-east-1"))
}
