import AccessInventory
import PolicyModel
import TestSupport
import Testing

/// Lookups take an ARN (or name), or the token a separate pipeline file gives a template resource.
@Suite struct InventoryLookupTests {
    static let stack = TestStack()
        .role("PipelineRole", name: "pipeline-role", trust: .service("osis-pipelines.amazonaws.com"))
        .table("Orders", name: "orders")
        .bucket("Exports", name: "exports-bucket")
        .key("ExportKey")
        .domain("Search", name: "search")

    static func token(_ body: String) -> String { SymbolToken.make(body) }

    @Test func rolesByARNAndByToken() throws {
        let inventory = try Self.stack.inventory()
        #expect(inventory.role(arn: "arn:aws:iam::123456789012:role/pipeline-role")?.label == "PipelineRole")
        #expect(inventory.role(arn: Self.token("GetAtt.PipelineRole.Arn"))?.label == "PipelineRole")
        #expect(inventory.role(arn: "arn:aws:iam::123456789012:role/other-role") == nil)
        #expect(inventory.role(arn: Self.token("GetAtt.Orders.Arn")) == nil, "a token of a table is not a role")
    }

    @Test func tablesByARNAndByToken() throws {
        let inventory = try Self.stack.inventory()
        #expect(inventory.table(arn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders")?.identity.label == "Orders")
        #expect(inventory.table(arn: Self.token("GetAtt.Orders.Arn"))?.name == "orders")
        #expect(inventory.table(arn: "arn:aws:dynamodb:us-east-1:123456789012:table/other") == nil)
    }

    @Test func bucketsByNameAndByToken() throws {
        let inventory = try Self.stack.inventory()
        #expect(inventory.bucket(named: "exports-bucket")?.identity.arn == "arn:aws:s3:::exports-bucket")
        #expect(inventory.bucket(named: Self.token("Ref.Exports"))?.name == "exports-bucket")
        #expect(inventory.bucket(named: "other-bucket") == nil)
    }

    /// KMS generates a key's id, so the template knows it only as a token.
    @Test func keysByARNKeyIdAndToken() throws {
        let inventory = try Self.stack.inventory()
        let arn = "arn:aws:kms:us-east-1:123456789012:key/" + Self.token("Ref.ExportKey")
        #expect(inventory.key(arn)?.identity.label == "ExportKey")
        #expect(inventory.key(Self.token("Ref.ExportKey"))?.identity.arn == arn)
        #expect(inventory.key(Self.token("GetAtt.ExportKey.Arn"))?.identity.label == "ExportKey")
        #expect(inventory.key("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab") == nil)
    }

    @Test func domainsByEndpointTokenOrHostName() throws {
        let inventory = try Self.stack.inventory()
        #expect(inventory.domain(endpoint: "https://" + Self.token("GetAtt.Search.DomainEndpoint"))?.identity.label == "Search")
        #expect(inventory.domain(endpoint: "https://search-search-abc123def.us-east-1.es.amazonaws.com")?.name == "search")
        #expect(inventory.domain(endpoint: "vpc-search-abc123def.us-east-1.es.amazonaws.com")?.name == "search")
        // Only the exact name before the generated id counts.
        #expect(inventory.domain(endpoint: "https://search-search-logs-abc123def.us-east-1.es.amazonaws.com") == nil)
        #expect(inventory.domain(endpoint: "https://" + Self.token("GetAtt.Other.DomainEndpoint")) == nil)
    }
}
