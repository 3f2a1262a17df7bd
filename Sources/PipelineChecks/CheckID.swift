import PipelineRequirements

/// The pipeline checks' stable ids, each with the one-line title reports show.
package enum CheckID: String, Sendable, Hashable, CaseIterable {
    case pipelineRoleTrust = "trust.pipeline-role"
    case dynamoDBExport = "source.dynamodb.export"
    case dynamoDBStream = "source.dynamodb.stream"
    case s3Export = "source.s3.export"
    case openSearchSink = "sink.opensearch"
    case dashboardsCognito = "dashboards.cognito"

    /// The check that covers the requirements of `area`; nil for the deployer's and assertions'.
    package init?(area: RequiredRequest.Area) {
        switch area {
        case .trust: self = .pipelineRoleTrust
        case .dynamoDBExport: self = .dynamoDBExport
        case .dynamoDBStream: self = .dynamoDBStream
        case .s3Export: self = .s3Export
        case .sink: self = .openSearchSink
        case .dashboards: self = .dashboardsCognito
        case .deployment, .assertion: return nil
        }
    }

    /// Whether the check runs once per pipeline (every check but the Dashboards sign-in, which
    /// runs once per domain).
    package var isPipelineCheck: Bool { self != .dashboardsCognito }

    package var title: String {
        switch self {
        case .pipelineRoleTrust: "osis-pipelines.amazonaws.com can assume the pipeline role"
        case .dynamoDBExport: "the pipeline role can export the table to S3"
        case .dynamoDBStream: "the pipeline role can read the table's stream"
        case .s3Export: "the pipeline role can read and write the export files"
        case .openSearchSink: "the pipeline role can write to the OpenSearch domain"
        case .dashboardsCognito: "Dashboards users sign in through Cognito, and only authenticated ones"
        }
    }

}
