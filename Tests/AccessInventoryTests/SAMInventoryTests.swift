import AccessInventory
import PolicyModel
import ServiceCatalog
import TestSupport
import Testing

/// A SAM function's generated role in the inventory: its policies as CloudFormation attaches them
/// after the transform, and a policy the transform could not expand held as unknown.
@Suite struct SAMInventoryTests {
    static let template = """
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Exporter:
        Type: AWS::Serverless::Function
        Properties:
          Handler: export.handler
          Runtime: python3.12
          Policies:
            - S3WritePolicy: {BucketName: exports}
            - AmazonDynamoDBReadOnlyAccess
            - NewerPolicyTemplate: {TableName: orders}
    """

    @Test func theGeneratedRoleHoldsEveryPolicyAndTheUnexpandedOneAsUnknown() throws {
        let input = StackInput(template: .bytes(Array(Self.template.utf8), name: "template.yaml"),
                               context: .init(account: "123456789012", region: "us-east-1"))
        let inventory = try StackLoader.load(input, catalogue: try ServiceCatalogue.embedded())
        let role = try #require(inventory.role(arn: "arn:aws:iam::123456789012:role/" + SymbolToken.make("Ref.ExporterRole")))
        #expect(role.label == "ExporterRole")
        #expect(role.policies.map(\.policy.id) == [
            "ExporterRole.ExporterRolePolicy0", "AWSLambdaBasicExecutionRole (AWS managed)", "AmazonDynamoDBReadOnlyAccess (AWS managed)",
        ])
        #expect(role.unresolved.map(\.reason) == [
            "the managed policy `\(SymbolToken.make("SAM.Exporter.Policies.2"))` named at template.yaml:11:11 is in neither the template, "
                + "the account snapshot nor the embedded catalogue of AWS managed policies",
        ])
        #expect(inventory.warnings.map(\.description) == [
            "template.yaml:11:11: warning[template.sam-not-expanded]: policy 2 of `Exporter` is not expanded: `NewerPolicyTemplate` is not one of SAM's "
                + "policy templates as of the copy AccessGraph embeds; the role takes part as holding a policy whose statements are unknown",
        ])
    }
}
