import PipelineParsing
import TestSupport
import Testing

/// The fixtures the checks tests build on: the labelled reference pipeline says what the seed
/// pipeline says, and a labelled edit that names no resource of the stack fails the test.
@Suite struct ReferenceStackFixtureTests {
    @Test func theLabelledPipelineReadsLikeTheSeedPipeline() throws {
        let seed = try PipelineConfiguration.parse(text: SeedStack.File.concretePipeline.text, file: "seed.yaml", markers: .cloudFormationTokens)
        let built = try PipelineConfiguration.parse(text: ReferenceStack.pipelineConfiguration.fileText, file: "built.yaml", markers: .cloudFormationTokens)
        #expect(built.pipelines.map(\.name) == seed.pipelines.map(\.name))
        #expect(Self.summary(of: built) == Self.summary(of: seed))
        #expect(Self.summary(of: seed).allSatisfy { $0 != nil }, "every field compared is set")
    }

    /// What the checks read from a pipeline, without positions (which differ: no comments).
    static func summary(of configuration: PipelineConfiguration) -> [String?] {
        let source = configuration.dynamoDBSources.first
        let table = source?.tables.first
        let sink = configuration.openSearchSinks.first
        return [
            table?.tableARN.value, table?.stream?.startPosition?.value,
            table?.export?.s3Bucket?.value, table?.export?.s3Prefix?.value, table?.export?.s3Region?.value,
            source?.aws?.stsRoleARN?.value, source?.aws?.region?.value,
            sink?.hosts.map(\.value).joined(separator: ","), sink?.index?.value, sink?.aws?.stsRoleARN?.value, sink?.aws?.region?.value,
        ]
    }

    @Test func editsRefuseResourcesTheStackDoesNotHave() throws {
        let stack = try ReferenceStack.stack()
        #expect(throws: TestStackError.self) { try stack.settingPointInTimeRecovery(false, on: "NoSuchTable") }
        #expect(throws: TestStackError.self) { try stack.settingPointInTimeRecovery(false, on: ReferenceStack.exportBucket) }
        #expect(throws: TestStackError.self) { try stack.removingManagedPolicy(named: "AmazonEC2FullAccess", from: ReferenceStack.pipelineRole) }
        #expect(throws: TestStackError.self) { try stack.addingBucketPolicyStatement(.deny(["s3:*"], on: "*"), to: ReferenceStack.table) }
    }
}
