/// `PipelineStack` writing into an OpenSearch Serverless collection of the template (`Logs`,
/// named `orders-logs`) instead of the domain, with the IAM side the role needs to reach it and
/// a data access policy (`LogsData`) that lets it write the index.
package enum CollectionStack {
    package static let sink = TestPipeline.Sink.collection(.getAtt("Logs", "CollectionEndpoint"), role: .arn(of: "PipelineRole"))
    package static let reachCollection = TestPolicy.allow(["aoss:APIAccessAll", "aoss:BatchGetCollection"], on: .arn(of: "Logs")).named("Collection")
    /// What AWS's `pipeline-collection-access` page has the data access policy grant.
    package static let writes = #"["aoss:CreateIndex","aoss:UpdateIndex","aoss:DescribeIndex","aoss:WriteDocument"]"#

    /// A data access policy of one entry for the pipeline role: `permissions` (a JSON list) on
    /// `resource`.
    package static func dataPolicy(_ permissions: String = writes, on resource: String = "index/orders-logs/*") -> TestValue {
        .text(#"[{"Rules":[{"ResourceType":"index","Resource":[""# + resource + #""],"Permission":"# + permissions + #"}],"Principal":[""#)
            + .arn(of: "PipelineRole") + #""],"Description":"pipeline writes"}]"#
    }

    /// - Parameter data: the `Policy` of `LogsData`; nil leaves the data access policy out.
    package static func stack(
        sink: TestPipeline.Sink = sink, data: TestValue? = dataPolicy(), policies: [TestPolicy] = [PipelineStack.pipelinePolicy, reachCollection]
    ) -> TestStack {
        var stack = PipelineStack.stack(configuration: PipelineStack.configuration.sinking(into: sink), pipelineRolePolicies: policies)
            .collection("Logs", name: "orders-logs")
        if let data { stack = stack.serverlessPolicy("LogsData", type: "data", name: "orders-logs-data", policy: data) }
        return stack
    }
}
