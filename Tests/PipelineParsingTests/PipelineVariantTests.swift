import PipelineParsing
import PolicyModel
import TestSupport
import Testing

/// Shapes other than the reference pipeline: export-only, stream-only, other plugins, chained
/// sub-pipelines, older sink options, serverless and dead-letter queues.
@Suite struct PipelineVariantTests {
    struct ModeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var table: String
        var needsExport: Bool
        var needsStream: Bool
        var testDescription: String { name }
    }

    static let modes = [
        ModeCase(
            name: "export only",
            table: """
                    - table_arn: "\(SamplePipeline.tableARN)"
                      export:
                        s3_bucket: "exports"
                        s3_prefix: "orders"
            """,
            needsExport: true, needsStream: false
        ),
        ModeCase(
            name: "stream only",
            table: """
                    - table_arn: "\(SamplePipeline.tableARN)"
                      stream:
                        start_position: "TRIM_HORIZON"
                        view_on_remove: "OLD_IMAGE"
            """,
            needsExport: false, needsStream: true
        ),
        ModeCase(name: "export and stream", table: """
                    - table_arn: "\(SamplePipeline.tableARN)"
                      stream:
                        start_position: "LATEST"
                      export:
                        s3_bucket: "exports"
            """, needsExport: true, needsStream: true),
    ]

    @Test(arguments: modes)
    func modelsExportAndStreamModes(_ mode: ModeCase) throws {
        let configuration = try PipelineConfiguration.parse(text: SamplePipeline.yaml(table: mode.table), file: "p.yaml")
        let source = try #require(configuration.dynamoDBSources.first)
        #expect(source.needsExport == mode.needsExport)
        #expect(source.needsStream == mode.needsStream)
        #expect(source.tables.first?.needsExport == mode.needsExport)
        #expect(source.tables.first?.needsStream == mode.needsStream)
        #expect(equalWithPositions(source.tables.first?.tableARN, Located(SamplePipeline.tableARN, at: at(6, 22))))
        #expect(configuration.diagnostics.isEmpty)
    }

    @Test func readsStreamOptions() throws {
        let configuration = try PipelineConfiguration.parse(text: SamplePipeline.yaml(table: Self.modes[1].table), file: "p.yaml")
        let stream = try #require(configuration.dynamoDBSources.first?.tables.first?.stream)
        #expect(equalWithPositions(stream, DynamoDBStreamConfig(
            position: at(7, 11),
            startPosition: Located("TRIM_HORIZON", at: at(8, 29)),
            viewOnRemove: Located("OLD_IMAGE", at: at(9, 29))
        )))
    }

    struct PrefixCase: Sendable, CustomTestStringConvertible {
        var written: String
        var normalized: String?
        var keyPattern: String
        var testDescription: String { written.isEmpty ? "(empty)" : written }
    }

    static let prefixes = [
        PrefixCase(written: "ddb-to-opensearch-export/", normalized: "ddb-to-opensearch-export", keyPattern: "ddb-to-opensearch-export/*"),
        PrefixCase(written: "ddb-to-opensearch-export", normalized: "ddb-to-opensearch-export", keyPattern: "ddb-to-opensearch-export/*"),
        PrefixCase(written: "/a/b//", normalized: "a/b", keyPattern: "a/b/*"),
        PrefixCase(written: "/", normalized: nil, keyPattern: "*"),
        PrefixCase(written: "", normalized: nil, keyPattern: "*"),
    ]

    @Test(arguments: prefixes)
    func keepsPrefixAsWrittenAndNormalizes(_ prefix: PrefixCase) throws {
        let table = """
                - table_arn: "\(SamplePipeline.tableARN)"
                  export:
                    s3_bucket: "exports"
                    s3_prefix: "\(prefix.written)"
                    s3_region: "eu-west-1"
                    s3_sse_kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/k"
                    s3_sts_role_arn: "arn:aws:iam::111122223333:role/export"
        """
        let configuration = try PipelineConfiguration.parse(text: SamplePipeline.yaml(table: table), file: "p.yaml")
        let export = try #require(configuration.dynamoDBSources.first?.tables.first?.export)
        #expect(equalWithPositions(export.s3Prefix, Located(prefix.written, at: at(9, 24))))
        #expect(export.normalizedS3Prefix == prefix.normalized)
        #expect(export.s3ObjectKeyPattern == prefix.keyPattern)
        #expect(export.s3Region?.value == "eu-west-1")
        #expect(equalWithPositions(export.s3SSEKMSKeyID, Located("arn:aws:kms:eu-west-1:111122223333:key/k", at: at(11, 32))))
        #expect(export.s3STSRoleARN?.value == "arn:aws:iam::111122223333:role/export")
        #expect(configuration.stsRoleARNs.map(\.value) == [
            "arn:aws:iam::111122223333:role/export", SamplePipeline.role, SamplePipeline.role,
        ])
    }

    @Test func modelsSeveralTables() throws {
        let table = """
                - table_arn: "arn:aws:dynamodb:us-east-1:111122223333:table/a"
                  stream:
                    start_position: "LATEST"
                - table_arn: "arn:aws:dynamodb:us-east-1:111122223333:table/b"
                  export:
                    s3_bucket: "exports"
        """
        let configuration = try PipelineConfiguration.parse(text: SamplePipeline.yaml(table: table), file: "p.yaml")
        let source = try #require(configuration.dynamoDBSources.first)
        #expect(source.tables.map(\.tableARN.value) == [
            "arn:aws:dynamodb:us-east-1:111122223333:table/a", "arn:aws:dynamodb:us-east-1:111122223333:table/b",
        ])
        #expect(source.tables.map(\.position) == [at(6, 11), at(9, 11)])
        #expect(source.tables.map(\.needsStream) == [true, false])
        #expect(source.tables.map(\.needsExport) == [false, true])
        #expect(source.needsExport && source.needsStream)
        #expect(configuration.diagnostics.map(\.code) == ["pipeline.multiple-tables"])
        #expect(configuration.diagnostics.first?.position == at(9, 11))
    }

    @Test func keepsOtherSourcesAndSinksByName() throws {
        let text = """
        version: "2"
        logs:
          source:
            http:
              path: "/logs"
          processor:
            - grok:
                match:
                  log: ["%{COMMONAPACHELOG}"]
            - date:
            - delete_entries: { with_keys: ["x"] }
          sink:
            - s3:
                bucket: "archive"
                aws:
                  sts_role_arn: "arn:aws:iam::111122223333:role/s3"
            - stdout:
        """
        let configuration = try PipelineConfiguration.parse(text: text, file: "p.yaml")
        let pipeline = try #require(configuration.pipeline(named: "logs"))
        #expect(pipeline.source == .other(type: "http", position: at(4, 5)))
        #expect(pipeline.sinks == [.other(type: "s3", position: at(13, 7)), .other(type: "stdout", position: at(17, 7))])
        #expect(pipeline.sinks.map(\.type) == ["s3", "stdout"])
        #expect(equalWithPositions(pipeline.processors, [Located("grok", at: at(7, 7)), Located("date", at: at(10, 7)), Located("delete_entries", at: at(11, 7))]))
        #expect(configuration.version?.value == "2")
        #expect(configuration.dynamoDBSources.isEmpty)
        #expect(configuration.openSearchSinks.isEmpty)
        #expect(configuration.diagnostics.isEmpty)
    }

    @Test func followsSubPipelineConnectors() throws {
        let text = """
        version: "2"
        pipeline_configurations:
          aws:
            secrets:
              s:
                secret_id: "x"
        ingest:
          source:
            dynamodb:
              tables:
                - table_arn: "arn:aws:dynamodb:us-east-1:111122223333:table/t"
                  stream:
                    start_position: "LATEST"
              aws:
                sts_role_arn: "arn:aws:iam::111122223333:role/pipeline"
          sink:
            - pipeline:
                name: "write"
        write:
          source:
            pipeline:
              name: "ingest"
          sink:
            - opensearch:
                hosts: ["https://search-d.us-east-1.es.amazonaws.com:443/"]
                aws:
                  sts_role_arn: "arn:aws:iam::111122223333:role/pipeline"
        """
        let configuration = try PipelineConfiguration.parse(text: text, file: "p.yaml")
        #expect(configuration.pipelines.map(\.name) == ["ingest", "write"])
        #expect(equalWithPositions(configuration.pipelines[0].sinks, [.pipeline(name: Located("write", at: at(18, 15)), position: at(17, 7))]))
        #expect(equalWithPositions(configuration.pipelines[1].source, .pipeline(name: Located("ingest", at: at(22, 13)), position: at(21, 5))))
        #expect(configuration.openSearchSinks.first?.domainEndpointHosts == ["search-d.us-east-1.es.amazonaws.com"])
        #expect(configuration.diagnostics.isEmpty)
    }

    @Test func readsOlderFlatSinkOptions() throws {
        let sinkAWS = """
                aws_sigv4: true
                aws_region: "us-east-1"
                aws_sts_role_arn: "\(SamplePipeline.role)"
        """
        let configuration = try PipelineConfiguration.parse(text: SamplePipeline.yaml(sinkAWS: sinkAWS), file: "p.yaml")
        let aws = try #require(configuration.openSearchSinks.first?.aws)
        #expect(equalWithPositions(aws, PipelineAWSConfig(
            position: at(19, 9),
            stsRoleARN: Located(SamplePipeline.role, at: at(21, 27)),
            region: Located("us-east-1", at: at(20, 21)),
            isLegacyFlatOptions: true
        )))
        #expect(configuration.diagnostics.isEmpty)
    }

    @Test func readsServerlessAndHeaderOverridesAndDeadLetterQueue() throws {
        let sinkAWS = """
                aws:
                  sts_role_arn: "\(SamplePipeline.role)"
                  region: "us-east-1"
                  sts_external_id: "ext"
                  sts_header_overrides:
                    x-team: "search"
                  serverless: true
                  serverless_options:
                    network_policy_name: "net"
                    collection_name: "orders"
                    vpce_id: "vpce-1"
                dlq:
                  s3:
                    bucket: "dlq-bucket"
                    key_path_prefix: "dlq/"
                    region: "us-east-1"
                    sts_role_arn: "arn:aws:iam::111122223333:role/dlq"
        """
        let configuration = try PipelineConfiguration.parse(text: SamplePipeline.yaml(sinkAWS: sinkAWS), file: "p.yaml")
        let sink = try #require(configuration.openSearchSinks.first)
        #expect(sink.isServerless)
        let aws = try #require(sink.aws)
        #expect(aws.stsExternalID?.value == "ext")
        #expect(equalWithPositions(aws.stsHeaderOverrides, [
            STSHeaderOverride(name: Located("x-team", at: at(24, 13)), value: Located("search", at: at(24, 21))),
        ]))
        #expect(equalWithPositions(aws.serverless, Located(true, at: at(25, 23))))
        #expect(equalWithPositions(aws.serverlessOptions, OpenSearchServerlessOptions(
            position: at(26, 11),
            networkPolicyName: Located("net", at: at(27, 34)),
            collectionName: Located("orders", at: at(28, 30)),
            vpceID: Located("vpce-1", at: at(29, 22))
        )))
        #expect(equalWithPositions(sink.deadLetterQueue, S3DeadLetterQueue(
            position: at(31, 11),
            bucket: Located("dlq-bucket", at: at(32, 21)),
            keyPathPrefix: Located("dlq/", at: at(33, 30)),
            region: Located("us-east-1", at: at(34, 21)),
            stsRoleARN: Located("arn:aws:iam::111122223333:role/dlq", at: at(35, 27))
        )))
        #expect(configuration.stsRoleARNs.map(\.value) == [
            SamplePipeline.role, SamplePipeline.role, "arn:aws:iam::111122223333:role/dlq",
        ])
    }

    struct VersionCase: Sendable, CustomTestStringConvertible {
        var written: String
        var value: String?
        var testDescription: String { written }
    }

    static let versions = [
        VersionCase(written: #"version: "2""#, value: "2"),
        VersionCase(written: "version: 2", value: "2"),
        VersionCase(written: "version: 2.0", value: "2.0"),
        VersionCase(written: #"version: "2.6""#, value: "2.6"),
        VersionCase(written: "# no version", value: nil),
    ]

    @Test(arguments: versions)
    func acceptsVersionTwo(_ version: VersionCase) throws {
        let text = SamplePipeline.yaml().replacing(#"version: "2""#, with: version.written)
        let configuration = try PipelineConfiguration.parse(text: text, file: "p.yaml")
        #expect(configuration.version?.value == version.value)
    }

    @Test func resolvesMarkersWithCustomValues() throws {
        let configuration = try PipelineConfiguration.parse(
            text: SeedStack.File.agnosticPipeline.text, file: "p.yaml",
            markers: .resolved { marker in
                switch marker.logicalID {
                case "AWS::Region": "eu-central-1"
                case "DynamoDBTable59784FC0": "arn:aws:dynamodb:eu-central-1:111122223333:table/t"
                default: nil
                }
            }
        )
        let source = try #require(configuration.dynamoDBSources.first)
        #expect(source.tables.first?.tableARN.value == "arn:aws:dynamodb:eu-central-1:111122223333:table/t")
        #expect(source.aws?.region?.value == "eu-central-1")
        #expect(source.aws?.stsRoleARN?.value == "⟦GetAtt.OpenSearchIngestionRoleZeroETLAAE46A77.Arn⟧")
    }

    struct HostCase: Sendable, CustomTestStringConvertible {
        var url: String
        var host: String
        var testDescription: String { url }
    }

    static let hosts = [
        HostCase(url: "https://search-d-abc.us-east-1.es.amazonaws.com", host: "search-d-abc.us-east-1.es.amazonaws.com"),
        HostCase(url: "https://search-d-abc.us-east-1.es.amazonaws.com:443/", host: "search-d-abc.us-east-1.es.amazonaws.com"),
        HostCase(url: " http://localhost:9200/path ", host: "localhost"),
        HostCase(url: "https://{{GetAtt:Domain.DomainEndpoint}}", host: "{{GetAtt:Domain.DomainEndpoint}}"),
        HostCase(url: "https://{{GetAtt:Domain.DomainEndpoint}}:443", host: "{{GetAtt:Domain.DomainEndpoint}}"),
        HostCase(url: "https://⟦GetAtt.Domain.DomainEndpoint⟧", host: "⟦GetAtt.Domain.DomainEndpoint⟧"),
        HostCase(url: "abc.us-east-1.aoss.amazonaws.com", host: "abc.us-east-1.aoss.amazonaws.com"),
        HostCase(url: "", host: ""),
    ]

    @Test(arguments: hosts)
    func extractsEndpointHosts(_ host: HostCase) {
        #expect(OpenSearchSink.endpointHost(of: host.url) == host.host)
    }
}
