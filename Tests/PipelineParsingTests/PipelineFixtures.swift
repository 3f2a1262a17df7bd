import PipelineParsing
import PolicyModel
import TestSupport

/// Parses `text`, returning the configuration or the diagnostics it was rejected with.
func parseResult(
    _ text: String, file: String = "test.yaml",
    markers: PipelineConfiguration.MarkerHandling = .verbatim
) -> Result<PipelineConfiguration, DiagnosticError> {
    do {
        return .success(try PipelineConfiguration.parse(text: text, file: file, markers: markers))
    } catch {
        return .failure(error)
    }
}

/// The errors `text` is rejected with; empty when it parses.
func errors(_ text: String) -> [Diagnostic] {
    switch parseResult(text) {
    case .success: []
    case .failure(let error): error.diagnostics
    }
}


/// A valid export-and-stream pipeline; tests replace pieces of it.
enum SamplePipeline {
    static let tableARN = "arn:aws:dynamodb:us-east-1:111122223333:table/orders"
    static let role = "arn:aws:iam::111122223333:role/pipeline"
    static let host = "https://search-orders-abc.us-east-1.es.amazonaws.com"

    static func yaml(
        table: String = """
                - table_arn: "\(tableARN)"
                  stream:
                    start_position: "LATEST"
                  export:
                    s3_bucket: "exports"
                    s3_prefix: "orders/"
        """,
        sourceAWS: String = """
              aws:
                sts_role_arn: "\(role)"
                region: "us-east-1"
        """,
        sinkAWS: String = """
                aws:
                  sts_role_arn: "\(role)"
                  region: "us-east-1"
        """
    ) -> String {
        """
        version: "2"
        orders-pipeline:
          source:
            dynamodb:
              tables:
        \(table)
        \(sourceAWS)
          sink:
            - opensearch:
                hosts: ["\(host)"]
                index: "orders"
        \(sinkAWS)

        """
    }
}

/// Whether `actual` equals `expected` and every position inside them (found by reflection) is
/// the same: `Located ==` ignores positions, and these tests pin where each value was read.
func equalWithPositions<Value: Equatable>(_ actual: Value, _ expected: Value) -> Bool {
    actual == expected && positions(in: actual) == positions(in: expected)
}

private func positions(in value: Any) -> [SourcePosition] {
    if let position = value as? SourcePosition { return [position] }
    return Mirror(reflecting: value).children.flatMap { positions(in: $0.value) }
}
