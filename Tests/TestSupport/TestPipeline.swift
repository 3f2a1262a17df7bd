import Foundation
import PolicyParsing

/// An OpenSearch Ingestion pipeline configuration (Data Prepper YAML) from labelled parts: a
/// DynamoDB source (table, stream, export bucket and prefix, role) and an OpenSearch sink (host,
/// index, role). Inside a template (`TestStack.pipeline`) references to other resources are
/// resolved by `Fn::Sub`; as a separate file (`TestStack.withPipelineFile`) they are written as
/// `{{GetAtt:X.Arn}}` markers, as the seed-stack pipeline writes them.
package struct TestPipeline: Sendable {
    /// The source's `export` block.
    package struct Export: Sendable {
        package var bucket: TestValue
        package var prefix: String?
        package var region: String?
        /// `s3_sse_kms_key_id`.
        package var kmsKey: TestValue?
        /// `s3_sts_role_arn`: a role of its own for writing the export.
        package var role: TestValue?

        /// An export into `bucket` (its name: `.ref("ExportBucket")`), under `prefix`.
        package static func bucket(_ bucket: TestValue, prefix: String? = nil, region: String? = nil, kmsKey: TestValue? = nil, role: TestValue? = nil) -> Export {
            Export(bucket: bucket, prefix: prefix, region: region, kmsKey: kmsKey, role: role)
        }
    }

    /// The `opensearch` sink.
    package struct Sink: Sendable {
        package var host: TestValue
        package var index: String?
        /// The sink's `aws.sts_role_arn`; nil writes no `aws` block (the pipeline role is used).
        package var role: TestValue?
        package var region: String?
        /// `aws.serverless`: the host is an OpenSearch Serverless collection's endpoint.
        package var serverless = false
        /// `dlq.s3`: the bucket and key prefix that documents which fail to index go to.
        package var deadLetterQueue: (bucket: TestValue, prefix: String?)?
        /// `aws.serverless_options`: `collection_name` and `network_policy_name`.
        package var collectionName: String?
        package var networkPolicyName: String?

        /// The same collection sink with `aws.serverless_options`.
        package func withServerlessOptions(collectionName: String? = nil, networkPolicyName: String? = nil) -> Sink {
            var sink = self
            sink.collectionName = collectionName
            sink.networkPolicyName = networkPolicyName
            return sink
        }

        /// The same sink with a dead-letter queue in `bucket`.
        package func withDeadLetterQueue(_ bucket: TestValue, prefix: String? = nil) -> Sink {
            var sink = self
            sink.deadLetterQueue = (bucket, prefix)
            return sink
        }

        /// A sink writing into the template's domain `logicalId`, through its endpoint.
        package static func domain(_ logicalId: String, index: String? = "orders", role: TestValue? = nil, region: String? = nil) -> Sink {
            host("https://" + .endpoint(of: logicalId), index: index, role: role, region: region)
        }

        /// A sink writing to an OpenSearch Serverless collection (`https://<id>.<region>.aoss.amazonaws.com`).
        package static func collection(_ host: TestValue, index: String? = "orders", role: TestValue? = nil) -> Sink {
            var sink = Sink(host: host, index: index, role: role, region: nil)
            sink.serverless = true
            return sink
        }

        /// A sink writing to any host (`https://search-name-id.us-east-1.es.amazonaws.com`).
        package static func host(_ host: TestValue, index: String? = "orders", role: TestValue? = nil, region: String? = nil) -> Sink {
            Sink(host: host, index: index, role: role, region: region)
        }
    }

    /// The sub-pipeline's name.
    package var name = "dynamodb-pipeline"
    /// `table_arn`.
    package var table: TestValue
    /// Whether the table block has a `stream` block.
    package var stream: Bool
    package var export: Export?
    /// The source's `aws.sts_role_arn`; nil writes no `aws` block.
    package var role: TestValue?
    package var region: String?
    package var sink: Sink?

    /// - Parameter sink: required by Data Prepper; nil (no `sink`) only to test that refusal.
    package init(table: TestValue, stream: Bool = true, export: Export? = nil, role: TestValue? = nil, region: String? = nil, sink: Sink?) {
        self.table = table
        self.stream = stream
        self.export = export
        self.role = role
        self.region = region
        self.sink = sink
    }

    /// The same pipeline reading only the export (no `stream` block).
    package func exportingOnly() -> TestPipeline {
        var pipeline = self
        pipeline.stream = false
        return pipeline
    }

    /// The same pipeline writing into another sink.
    package func sinking(into sink: Sink?) -> TestPipeline {
        var pipeline = self
        pipeline.sink = sink
        return pipeline
    }

    /// The YAML with its references still open, as one value.
    var yaml: TestValue {
        var yaml = TestValue.text("version: \"2\"\n\(name):\n  source:\n    dynamodb:\n      acknowledgments: true\n      tables:\n")
        yaml = yaml + "        - table_arn: " + Self.quoted(table) + "\n"
        if stream { yaml = yaml + "          stream:\n            start_position: \"LATEST\"\n" }
        if let export {
            yaml = yaml + "          export:\n            s3_bucket: " + Self.quoted(export.bucket) + "\n"
            let settings: [(String, TestValue?)] = [
                ("s3_region", export.region.map(TestValue.text)), ("s3_prefix", export.prefix.map(TestValue.text)),
                ("s3_sse_kms_key_id", export.kmsKey), ("s3_sts_role_arn", export.role),
            ]
            for case let (key, value?) in settings { yaml = yaml + .text("            \(key): ") + Self.quoted(value) + "\n" }
        }
        yaml = yaml + Self.awsBlock(role: role, region: region, indent: "      ")
        if let sink {
            yaml = yaml + "  sink:\n    - opensearch:\n        hosts: [" + Self.quoted(sink.host) + "]\n"
            if let index = sink.index { yaml = yaml + "        index: " + Self.quoted(.text(index)) + "\n" }
            yaml = yaml + Self.awsBlock(role: sink.role, region: sink.region, indent: "        ")
            if sink.serverless {
                yaml = yaml + (sink.role == nil && sink.region == nil ? "        aws:\n" : "") + "          serverless: true\n"
                if sink.collectionName != nil || sink.networkPolicyName != nil { yaml = yaml + "          serverless_options:\n" }
                for case let (key, value?) in [("collection_name", sink.collectionName), ("network_policy_name", sink.networkPolicyName)] {
                    yaml = yaml + .text("            \(key): ") + Self.quoted(.text(value)) + "\n"
                }
            }
            if let queue = sink.deadLetterQueue {
                yaml = yaml + "        dlq:\n          s3:\n            bucket: " + Self.quoted(queue.bucket) + "\n"
                if let prefix = queue.prefix { yaml = yaml + "            key_path_prefix: " + Self.quoted(.text(prefix)) + "\n" }
            }
        }
        return yaml
    }

    /// `PipelineConfigurationBody` of a template: a string, or `Fn::Sub` when it names resources.
    var templateBody: JSONOutput { yaml.json }

    /// A separate pipeline file, its references written as markers.
    package var fileText: String { yaml.pipelineMarkers }

    static func awsBlock(role: TestValue?, region: String?, indent: String) -> TestValue {
        guard role != nil || region != nil else { return "" }
        var block = TestValue.text("\(indent)aws:\n")
        if let role { block = block + .text("\(indent)  sts_role_arn: ") + quoted(role) + "\n" }
        if let region { block = block + .text("\(indent)  region: ") + quoted(.text(region)) + "\n" }
        return block
    }

    /// A double-quoted YAML scalar; the value's own text is escaped, references are left as they are.
    static func quoted(_ value: TestValue) -> TestValue {
        let escaped = value.parts.map { part -> TestValue.Part in
            guard case .text(let text) = part else { return part }
            return .text(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))
        }
        return "\"" + TestValue(parts: escaped) + "\""
    }
}
