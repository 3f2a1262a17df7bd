import PipelineParsing
import PolicyModel
import TestSupport
import Testing

/// The reference pipeline of the seed stack, in both its variants: every field the analyser uses,
/// with the exact value and position.
@Suite struct SeedStackFixtureTests {
    struct Variant: Sendable, CustomTestStringConvertible {
        var file: SeedStack.File
        /// `s3_region` and both `region`s.
        var region: String
        var regionToken: String
        var fileName: String { file.fileName }
        var text: String { file.text }
        var testDescription: String { fileName }
    }

    static let variants = [
        Variant(
            file: .concretePipeline,
            region: "us-east-1", regionToken: "us-east-1"
        ),
        Variant(
            file: .agnosticPipeline,
            region: "{{Ref:AWS::Region}}", regionToken: "\u{27E6}AWS.Region\u{27E7}"
        ),
    ]

    static let role = "{{GetAtt:OpenSearchIngestionRoleZeroETLAAE46A77.Arn}}"

    @Test(arguments: variants)
    func parsesWithExactValuesAndPositions(_ variant: Variant) throws {
        let configuration = try PipelineConfiguration.parse(text: variant.text, file: variant.fileName)
        #expect(configuration.file == variant.fileName)
        #expect(equalWithPositions(configuration.version, Located("2", at: at(1, 10))))
        #expect(configuration.diagnostics.isEmpty)

        try #require(configuration.pipelines.count == 1)
        let pipeline = configuration.pipelines[0]
        #expect(pipeline.name == "dynamodb-pipeline")
        #expect(pipeline.position == at(2, 1))
        #expect(pipeline.processors.isEmpty)

        let source = try #require(pipeline.source.dynamoDB)
        #expect(pipeline.source.type == "dynamodb")
        #expect(source.position == at(4, 5))
        #expect(equalWithPositions(source.acknowledgments, Located(true, at: at(5, 24))))
        #expect(source.needsExport)
        #expect(source.needsStream)

        try #require(source.tables.count == 1)
        let table = source.tables[0]
        #expect(table.position == at(8, 11))
        #expect(equalWithPositions(table.tableARN, Located("{{GetAtt:DynamoDBTable59784FC0.Arn}}", at: at(8, 22))))
        #expect(equalWithPositions(table.stream, DynamoDBStreamConfig(position: at(10, 11), startPosition: Located("LATEST", at: at(11, 29)))))
        let export = try #require(table.export)
        #expect(export.position == at(13, 11))
        #expect(equalWithPositions(export.s3Bucket, Located("{{Ref:OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB}}", at: at(15, 24))))
        #expect(equalWithPositions(export.s3Region, Located(variant.region, at: at(17, 24))))
        #expect(equalWithPositions(export.s3Prefix, Located("ddb-to-opensearch-export/", at: at(19, 24))))
        #expect(export.normalizedS3Prefix == "ddb-to-opensearch-export")
        #expect(export.s3ObjectKeyPattern == "ddb-to-opensearch-export/*")
        #expect(export.s3SSEKMSKeyID == nil)
        #expect(export.s3STSRoleARN == nil)

        let sourceAWS = try #require(source.aws)
        #expect(sourceAWS.position == at(20, 7))
        #expect(equalWithPositions(sourceAWS.stsRoleARN, Located(Self.role, at: at(22, 23))))
        #expect(equalWithPositions(sourceAWS.region, Located(variant.region, at: at(24, 17))))

        try #require(pipeline.sinks.count == 1)
        let sink = try #require(pipeline.sinks[0].openSearch)
        #expect(pipeline.sinks[0].type == "opensearch")
        #expect(sink.position == at(26, 7))
        #expect(equalWithPositions(sink.hosts, [Located("https://{{GetAtt:ZeroETLDashboardDemoLC05C24EB.DomainEndpoint}}", at: at(30, 13))]))
        #expect(sink.domainEndpointHosts == ["{{GetAtt:ZeroETLDashboardDemoLC05C24EB.DomainEndpoint}}"])
        #expect(equalWithPositions(sink.index, Located("table-index", at: at(32, 16))))
        #expect(sink.indexType?.value == "custom")
        #expect(!sink.isServerless)
        #expect(sink.deadLetterQueue == nil)
        let sinkAWS = try #require(sink.aws)
        #expect(sinkAWS.position == at(38, 9))
        #expect(equalWithPositions(sinkAWS.stsRoleARN, Located(Self.role, at: at(40, 25))))
        #expect(equalWithPositions(sinkAWS.region, Located(variant.region, at: at(42, 19))))
        #expect(!sinkAWS.isLegacyFlatOptions)
        #expect(sinkAWS.stsRoleARN?.value == sourceAWS.stsRoleARN?.value)

        #expect(configuration.stsRoleARNs.map(\.value) == [Self.role, Self.role])
        #expect(configuration.dynamoDBSources == [source])
        #expect(configuration.openSearchSinks == [sink])
    }

    @Test(arguments: variants)
    func keepsDataPrepperExpressionsVerbatim(_ variant: Variant) throws {
        for markers in [PipelineConfiguration.MarkerHandling.verbatim, .cloudFormationTokens] {
            let configuration = try PipelineConfiguration.parse(text: variant.text, file: variant.fileName, markers: markers)
            let sink = try #require(configuration.openSearchSinks.first)
            #expect(equalWithPositions(sink.documentID, Located(#"${getMetadata("primary_key")}"#, at: at(34, 22))))
            #expect(equalWithPositions(sink.action, Located(#"${getMetadata("opensearch_action")}"#, at: at(35, 17))))
            #expect(equalWithPositions(sink.documentVersion, Located(#"${getMetadata("document_version")}"#, at: at(36, 27))))
            #expect(equalWithPositions(sink.documentVersionType, Located("external", at: at(37, 32))))
        }
    }

    @Test(arguments: variants)
    func convertsMarkersToTokensKeepingPositions(_ variant: Variant) throws {
        let configuration = try PipelineConfiguration.parse(
            text: variant.text, file: variant.fileName, markers: .cloudFormationTokens
        )
        let source = try #require(configuration.dynamoDBSources.first)
        let table = try #require(source.tables.first)
        #expect(equalWithPositions(table.tableARN, Located("\u{27E6}GetAtt.DynamoDBTable59784FC0.Arn\u{27E7}", at: at(8, 22))))
        #expect(table.export?.s3Bucket?.value == "\u{27E6}Ref.OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB\u{27E7}")
        #expect(table.export?.s3Region?.value == variant.regionToken)
        #expect(table.export?.s3Prefix?.value == "ddb-to-opensearch-export/")
        let role = "\u{27E6}GetAtt.OpenSearchIngestionRoleZeroETLAAE46A77.Arn\u{27E7}"
        #expect(equalWithPositions(source.aws?.stsRoleARN, Located(role, at: at(22, 23))))
        let sink = try #require(configuration.openSearchSinks.first)
        #expect(sink.hosts.map(\.value) == ["https://\u{27E6}GetAtt.ZeroETLDashboardDemoLC05C24EB.DomainEndpoint\u{27E7}"])
        #expect(sink.domainEndpointHosts == ["\u{27E6}GetAtt.ZeroETLDashboardDemoLC05C24EB.DomainEndpoint\u{27E7}"])
        #expect(equalWithPositions(sink.aws?.stsRoleARN, Located(role, at: at(40, 25))))
        #expect(sink.aws?.region?.value == variant.regionToken)
        // Plugin and sub-pipeline names are never rewritten.
        #expect(configuration.pipelines.first?.name == "dynamodb-pipeline")
    }

    @Test(arguments: variants)
    func embeddedCopyMatchesSharedFixture(_ variant: Variant) throws {
        guard let text = variant.file.sharedFixtureText else { return }  // clean clone: nothing to compare
        #expect(text == variant.text)
    }

    /// The concrete and agnostic variants differ only in the region values.
    @Test func variantsDifferOnlyInRegions() throws {
        let concrete = try PipelineConfiguration.parse(text: SeedStack.File.concretePipeline.text, file: "c.yaml")
        let agnostic = try PipelineConfiguration.parse(text: SeedStack.File.agnosticPipeline.text, file: "a.yaml")
        var rewritten = agnostic
        rewritten.file = "c.yaml"
        guard var source = rewritten.pipelines[0].source.dynamoDB, var sink = rewritten.pipelines[0].sinks[0].openSearch else {
            Issue.record("unexpected shape")
            return
        }
        source.tables[0].export?.s3Region?.value = "us-east-1"
        source.aws?.region?.value = "us-east-1"
        sink.aws?.region?.value = "us-east-1"
        rewritten.pipelines[0].source = .dynamodb(source)
        rewritten.pipelines[0].sinks[0] = .opensearch(sink)
        #expect(rewritten == concrete)
    }
}
