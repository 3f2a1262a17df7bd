import AccessInventory
import PipelineChecks
import PolicyModel
import TestSupport
import Testing

/// `AWS::DynamoDB::GlobalTable` (CDK's `TableV2`) as the pipeline's source: its ARN from
/// `TableName`, its stream from `StreamSpecification`, point-in-time recovery and the key from the
/// replica in the stack's region.
@Suite struct GlobalTableCheckTests {
    static func stack(replicas: [TestStack.Replica], context: TemplateContextChoice = .known) -> TestStack {
        var stack = PipelineStack.stack().globalTable("Orders", name: "orders", replicas: replicas)
        if context == .unknownRegion { stack.context.region = nil }
        return stack
    }

    enum TemplateContextChoice { case known, unknownRegion }

    @Test func theReplicaInTheRegionDecides() throws {
        let stack = Self.stack(replicas: [.init(.region, pointInTimeRecovery: true), .init("eu-west-1", pointInTimeRecovery: false)])
        let table = try #require(try stack.inventory().tables.first)
        #expect(table.identity.arn == "arn:aws:dynamodb:us-east-1:123456789012:table/orders")
        #expect(table.streamViewType == "NEW_IMAGE")
        #expect(table.pointInTimeRecovery == true)
        let report = try stack.report()
        for id in [CheckID.dynamoDBExport, .dynamoDBStream, .s3Export, .openSearchSink] {
            #expect(report.check(id)?.status == .pass, "\(id): \(report.check(id)?.reason ?? "")")
        }

        let off = try Self.stack(replicas: [.init("us-east-1", pointInTimeRecovery: false), .init("eu-west-1", pointInTimeRecovery: true)]).report()
        let export = try #require(off.check(.dynamoDBExport))
        #expect(export.status == .fail)
        #expect(export.reason == "point-in-time recovery is off on `Orders`; DynamoDB exports need it")
    }

    /// Without a region, what the replicas agree on holds; where they disagree it is unknown, saying so.
    @Test func withoutARegionTheReplicasMustAgree() throws {
        let agreeing = try Self.stack(replicas: [.init(.region, pointInTimeRecovery: true), .init("eu-west-1", pointInTimeRecovery: true)], context: .unknownRegion)
        #expect(try agreeing.inventory().tables.first?.pointInTimeRecovery == true, "`!Ref AWS::Region` is the stack's region, known or not")

        let disagreeing = Self.stack(replicas: [.init("us-east-1", pointInTimeRecovery: true), .init("eu-west-1", pointInTimeRecovery: false)], context: .unknownRegion)
        #expect(try disagreeing.inventory().tables.first?.pointInTimeRecovery == nil)
        let export = try #require(try disagreeing.report().check(.dynamoDBExport))
        #expect(export.status == .unknown)
        #expect(export.reason == "`Orders` is a global table whose replicas disagree on point-in-time recovery (on in `us-east-1` only), "
            + "and the stack's region is not known (give `--region`)")
    }

    /// The region's replica names the key the stream's records are read with.
    @Test func theRegionsReplicaKeyIsTheTablesKey() throws {
        let stack = PipelineStack.stack()
            .key("TableKey")
            .globalTable("Orders", name: "orders", replicas: [
                .init(.region, pointInTimeRecovery: true, key: .arn(of: "TableKey")),
                .init("eu-west-1", pointInTimeRecovery: true, key: "arn:aws:kms:eu-west-1:123456789012:key/replica"),
            ])
        let table = try #require(try stack.inventory().tables.first)
        #expect(table.customerManagedKey?.value == "arn:aws:kms:us-east-1:123456789012:key/" + SymbolToken.make("Ref.TableKey"))
        let stream = try #require(try stack.report().check(.dynamoDBStream))
        #expect(stream.status == .unknown, "the key has no policy in the template")
        #expect(stream.reason.hasPrefix("whether arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline may `kms:Decrypt` on "
            + "`arn:aws:kms:us-east-1:123456789012:key/\(SymbolToken.make("Ref.TableKey"))` is unknown: "), "\(stream.reason)")

        // Replicas in named regions, and the stack's region unknown: which key is the table's is unknown.
        var unknownRegion = PipelineStack.stack().globalTable("Orders", name: "orders", replicas: [
            .init("us-east-1", pointInTimeRecovery: true, key: "arn:aws:kms:us-east-1:123456789012:key/primary"),
            .init("eu-west-1", pointInTimeRecovery: true, key: "arn:aws:kms:eu-west-1:123456789012:key/replica"),
        ])
        unknownRegion.context.region = nil
        let key = try unknownRegion.inventory().tables.first?.customerManagedKey?.value
        #expect(key == SymbolToken.make("Replica.Orders.KMSMasterKeyId"), "the replicas' keys differ")
    }
}
