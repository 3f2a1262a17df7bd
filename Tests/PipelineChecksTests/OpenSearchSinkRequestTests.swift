import AccessInventory
import PipelineChecks
import PipelineRequirements
import PolicyModel
import TestSupport
import Testing

/// What `sink.opensearch` asks: the requests Data Prepper's `opensearch` sink sends.
@Suite struct OpenSearchSinkRequestTests {
    static func sinkPart(_ stack: TestStack) throws -> PipelineRequirements.Part {
        let inventory = try stack.inventory()
        return PipelineRequirements(pipeline: try #require(inventory.pipelines.first), inventory: inventory).sink
    }

    /// The HTTP methods the sink uses on a domain, each on its path, all within `domain/<name>/*`:
    /// its version at `/`, whether ISM is on, whether the index exists and its creation, and every
    /// document through `_bulk` (never `POST <index>/_doc`).
    @Test func aDomainSinkSendsTheMethodsDataPrepperUses() throws {
        let part = try Self.sinkPart(PipelineStack.stack())
        let domain = "arn:aws:es:us-east-1:123456789012:domain/orders-search"
        #expect(part.requests.map { "\($0.action) \($0.resource)" } == [
            "es:DescribeDomain \(domain)",
            "es:ESHttpGet \(domain)/",
            "es:ESHttpGet \(domain)/_cluster/settings",
            "es:ESHttpHead \(domain)/orders",
            "es:ESHttpPut \(domain)/orders",
            "es:ESHttpPost \(domain)/_bulk",
        ])
        #expect(Set(part.requests.dropFirst().map(\.grantScope)) == ["\(domain)/*"])
        #expect(part.requests.map(\.purpose).contains("check whether Index State Management is on"))
        let check = try #require(try PipelineStack.stack().report().check(.openSearchSink))
        #expect(check.status == .pass)
        #expect(check.requests.count == 6)
    }
}
