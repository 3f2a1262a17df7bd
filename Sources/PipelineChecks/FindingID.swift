/// The findings' stable ids, each with the one-line description SARIF rules and the README use.
package enum FindingID: String, Sendable, Hashable, CaseIterable {
    case pipelineRoleOverprivilege = "overprivilege.pipeline-role"
    case trustWithoutSourceCondition = "trust.no-source-condition"
    case trustExtraServicePrincipal = "trust.extra-service-principal"
    case domainPolicyOpenToAccount = "domain.policy-open-to-account"
    case domainPolicyOpenToEveryone = "domain.policy-open-to-everyone"
    case openSearchStarOnStar = "iam.es-star-on-star"
    case passRoleOnEveryRole = "iam.pass-role-on-star"
    case domainHTTPSNotEnforced = "domain.https-not-enforced"
    case domainNoEncryptionAtRest = "domain.no-encryption-at-rest"
    case domainNoNodeToNodeEncryption = "domain.no-node-to-node-encryption"
    case pipelineLoggingNotWired = "pipeline.logging-not-wired"
    /// What OpenSearch Ingestion refuses at creation, one id per `PipelineDiagnosticCode` of
    /// `rejectedAtCreation`.
    case pipelineMultipleTables = "pipeline.multiple-tables"
    case pipelineMultipleSources = "pipeline.multiple-sources"
    case pipelineMissingSink = "pipeline.missing-sink"
    case collectionPublicNetworkAccess = "collection.public-network-access"
    /// Raised by an assertions file, not by a rule: a `suppress` entry whose date has passed.
    case expiredSuppression = "suppression.expired"

    package var summary: String {
        switch self {
        case .pipelineRoleOverprivilege: "the pipeline role holds permissions its checks do not need"
        case .trustWithoutSourceCondition: "a service principal is trusted without aws:SourceAccount or aws:SourceArn (confused deputy)"
        case .trustExtraServicePrincipal: "the pipeline role trusts services the pipeline does not need"
        case .domainPolicyOpenToAccount: "the domain access policy admits every principal of an account"
        case .domainPolicyOpenToEveryone: "the domain access policy admits everyone without conditions"
        case .openSearchStarOnStar: "a policy allows every OpenSearch action on every domain"
        case .passRoleOnEveryRole: "a principal may pass every role of the account to a service (`iam:PassRole` on `*`)"
        case .domainHTTPSNotEnforced: "the domain accepts plain HTTP"
        case .domainNoEncryptionAtRest: "the domain does not encrypt data at rest"
        case .domainNoNodeToNodeEncryption: "the domain does not encrypt traffic between nodes"
        case .pipelineLoggingNotWired: "the pipeline does not publish its logs"
        case .pipelineMultipleTables: "a DynamoDB source lists more than one table; OpenSearch Ingestion refuses the pipeline"
        case .pipelineMultipleSources: "the pipeline has more than one source that is not a pipeline connector; OpenSearch Ingestion refuses it"
        case .pipelineMissingSink: "a sub-pipeline has no sink; OpenSearch Ingestion refuses the pipeline"
        case .collectionPublicNetworkAccess: "a network policy lets the internet reach an OpenSearch Serverless collection"
        case .expiredSuppression: "a suppression in the assertions file has expired, so the finding it suppressed counts again"
        }
    }
}
