import AccessInventory
import PolicyGeneration
import PolicyModel
import TestSupport
import Testing

/// The proof refuses documents that fall short: each kind of flaw, planted in documents the
/// generator wrote, names the document, the statement and what is wrong.
@Suite struct GenerationProofTests {
    static func generated() throws -> (GeneratedStack, Inventory) {
        let (generated, _, failures, inventory) = try GenerationFixture.generate(PipelineStack.stack())
        #expect(failures.isEmpty, "\(failures)")
        return (generated, inventory)
    }

    @Test func anActionNoRequestNeedsIsNotMinimal() throws {
        let (generated, inventory) = try Self.generated()
        let widened = generated.changing("pipeline-role-policy") { $0.statements[0].actions.append("dynamodb:DeleteTable") }
        let failures = try GenerationFixture.prove(widened, inventory)
        #expect(failures.map(\.description) == [
            "`pipeline-role-policy` statement `DescribeAndExportTable`: `dynamodb:DeleteTable` is not needed: every request the statement serves is allowed without it",
            "finding `overprivilege.pipeline-role` on `PipelineRole`: `pipeline-role-policy` grants 1 write action the pipeline does not need, including `dynamodb:DeleteTable`",
        ])
    }

    @Test func aMissingActionFailsTheRequestThatNeedsIt() throws {
        let (generated, inventory) = try Self.generated()
        let narrowed = generated.changing("pipeline-role-policy") { policy in
            policy.statements[1].actions = []
            policy.statements.remove(at: 1)
        }
        let failures = try GenerationFixture.prove(narrowed, inventory).map(\.description)
        #expect(failures.first?.hasPrefix("arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline needs `dynamodb:DescribeExport` on "
            + "`arn:aws:dynamodb:us-east-1:123456789012:table/orders/export/01700000000000-abcdef01` (follow the export): ImplicitDeny") == true, "\(failures)")
        #expect(failures.contains { $0.hasPrefix("check `source.dynamodb.export` is fail with the generated documents") })
    }

    /// `*` only for actions that take no resource; a resource must be a scope the requests use.
    @Test func aWildcardWhereTheCatalogueHasAResourceTypeIsRefused() throws {
        let (generated, inventory) = try Self.generated()
        let starred = generated.changing("pipeline-role-policy") { $0.statements[4].resources = ["*"] }
        let failures = try GenerationFixture.prove(starred, inventory).map(\.description)
        #expect(failures.contains("`pipeline-role-policy` statement `DescribeDomain`: `*` is not the grant scope of any request the statement serves"))
        #expect(failures.contains("`pipeline-role-policy` statement `DescribeDomain`: `es:DescribeDomain` is granted on `*`, but the catalogue gives it a narrower resource type"))
    }

    /// A domain policy and the role's own policy each prove themselves: a domain statement is
    /// needed even though the role's policy would also let the pipeline in.
    @Test func eachDocumentIsMinimalOnItsOwn() throws {
        let (generated, inventory) = try Self.generated()
        let extra = generated.changing("domain-access-policy") { $0.statements[0].actions.append("es:ESHttpDelete") }
        let failures = try GenerationFixture.prove(extra, inventory).map(\.description)
        #expect(failures == ["`domain-access-policy` statement `PipelineWrites`: `es:ESHttpDelete` is not needed: every request the statement serves is allowed without it"])
    }

    /// A boundary the stack keeps can defeat any document: the proof says which request fails.
    @Test func aBoundaryThatDeniesMakesTheProofFail() throws {
        let stack = PipelineStack.stack()
            .managedPolicy("Boundary", name: "boundary", .allow(["dynamodb:*"], on: "*"))
        let bounded = try stack.settingBoundary(of: "PipelineRole", to: .ref("Boundary"))
        let (_, _, failures, _) = try GenerationFixture.generate(bounded)
        #expect(failures.contains { $0.description.hasPrefix("arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline needs `s3:GetObject`") })
        #expect(failures.contains { $0.description.contains("the permissions boundary does not allow `s3:GetObject`") })
    }

    @Test func aTrustWithoutItsConditionsRaisesTheConfusedDeputyFinding() throws {
        let (generated, inventory) = try Self.generated()
        let open = generated.changing("pipeline-role-trust") { $0.statements[0].conditions = [] }
        let failures = try GenerationFixture.prove(open, inventory).map(\.description)
        #expect(failures.contains { $0.hasPrefix("finding `trust.no-source-condition` on `PipelineRole`") }, "\(failures)")
    }
}
