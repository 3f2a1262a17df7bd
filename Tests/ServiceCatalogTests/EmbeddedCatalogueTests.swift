import Foundation
import Testing
@testable import ServiceCatalog

@Suite("Embedded catalogue")
struct EmbeddedCatalogueTests {
    let catalogue: ServiceCatalogue

    init() throws {
        catalogue = try ServiceCatalogue.embedded()
    }

    @Test func loadsWithSourceInformation() throws {
        let source = catalogue.source
        #expect(source.formatVersion == 1)
        #expect(source.iamDataCommit == "ae341fc552aca81967963b91c2e413f6540f3b0d")
        #expect(source.iamDataDate == "2026-08-22")
        #expect(source.serviceCount == 455)
        #expect(source.actionCount == 21788)
        #expect(source.managedPolicyCount == 1582)
        #expect(source.managedPoliciesNewestDate == "2026-09-30")
        #expect(source.description.contains("ae341fc (2026-08-22)"))
        #expect(source.description.contains("455 services"))
        #expect(source.description.contains("newest 2026-09-30"))
        #expect(!source.description.contains("\n"))
    }

    @Test func embeddedIsLoadedOnce() throws {
        let again = try ServiceCatalogue.embedded()
        #expect(again.storage === catalogue.storage)
    }

    @Test func everySectionParses() throws {
        try catalogue.validate()
        let total = catalogue.servicePrefixes.reduce(0) { $0 + (catalogue.service($1)?.actions.count ?? 0) }
        #expect(total == catalogue.source.actionCount)
    }

    @Test func servicePrefixesAreTheSortedServiceList() {
        let prefixes = catalogue.servicePrefixes
        #expect(prefixes.count == 455)
        #expect(prefixes == prefixes.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(prefixes.first == "a2c")
        for prefix in ["s3", "es", "iam", "sts", "dynamodb", "kms", "ec2", "lambda"] {
            #expect(prefixes.contains(prefix))
        }
    }

    @Test func serviceLookupIsCaseInsensitive() throws {
        let service = try #require(catalogue.service("ES"))
        #expect(service.prefix == "es")
        #expect(service.name == "Amazon OpenSearch Service")
        #expect(catalogue.service("no-such-service") == nil)
    }

    @Test func rcpSupport() {
        #expect(catalogue.isRCPSupported(service: "s3"))
        #expect(catalogue.isRCPSupported(service: "STS"))
        #expect(catalogue.isRCPSupported(service: "kms"))
        #expect(!catalogue.isRCPSupported(service: "iam"))
        #expect(!catalogue.isRCPSupported(service: "no-such-service"))
    }
}
