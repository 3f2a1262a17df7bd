import Foundation
import Testing
@testable import ServiceCatalog

/// Damaged or hostile resource files must produce `CatalogueError`, never a trap.
@Suite("Corrupt data")
struct CorruptDataTests {
    let catalogueBytes: [UInt8]
    let policyBytes: [UInt8]

    init() throws {
        let embedded = try ServiceCatalogue.embedded()
        catalogueBytes = embedded.storage.bytes
        policyBytes = embedded.policies.bytes
    }

    private func load(_ catalogue: [UInt8], _ policies: [UInt8]) -> Result<ServiceCatalogue, CatalogueError> {
        Result { () throws(CatalogueError) -> ServiceCatalogue in
            try ServiceCatalogue(catalogueData: catalogue, managedPolicyData: policies)
        }
    }

    private func replacing(_ bytes: [UInt8], _ old: String, with new: String) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: old))
        return Array(text.replacingCharacters(in: range, with: new).utf8)
    }

    @Test func roundTripOfTheEmbeddedBytes() throws {
        let catalogue = try load(catalogueBytes, policyBytes).get()
        try catalogue.validate()
    }

    @Test func emptyAndTruncatedFiles() {
        guard case .failure(.unsupportedFormat) = load([], policyBytes) else { Issue.record("empty catalogue"); return }
        guard case .failure(.unsupportedFormat) = load(catalogueBytes, []) else { Issue.record("empty policies"); return }
        for length in [10, 300, 40_000, catalogueBytes.count / 2, catalogueBytes.count - 1] {
            if case .success = load(Array(catalogueBytes.prefix(length)), policyBytes) {
                Issue.record("catalogue truncated to \(length) bytes loaded")
            }
        }
        for length in [10, 200, policyBytes.count / 2, policyBytes.count - 1] {
            if case .success = load(catalogueBytes, Array(policyBytes.prefix(length))) {
                Issue.record("policies truncated to \(length) bytes loaded")
            }
        }
    }

    @Test func wrongMagicOrVersion() throws {
        let other = try replacing(catalogueBytes, "AGCAT 1 ", with: "AGCAT 9 ")
        #expect(throws: CatalogueError.unsupportedFormat(file: "catalogue.agcat", found: "AGCAT 9")) {
            _ = try load(other, policyBytes).get()
        }
        let swapped = load(policyBytes, catalogueBytes)
        guard case .failure(.unsupportedFormat) = swapped else { Issue.record("swapped files loaded"); return }
    }

    @Test func badIndexOffsetNamesTheLine() throws {
        // Shift the offset of the second service (line 5) by one byte.
        let lines = String(decoding: catalogueBytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = String(lines[4])
        var fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[2] = String((Int(fields[2]) ?? 0) + 1)
        let damaged = try replacing(catalogueBytes, line, with: fields.joined(separator: "\t"))
        let error = try #require(load(damaged, policyBytes).failureValue)
        #expect(error.description == "catalogue.agcat: line 5: index offset for a4b does not point at its section")
    }

    @Test func malformedActionRecordIsReportedWithItsLine() throws {
        let damaged = try replacing(catalogueBytes, "A\tESHttpGet\tR\t", with: "A\tESHttpGet\tQ\t")
        // The header is intact, so loading succeeds; the damage surfaces when the section is parsed.
        let catalogue = try load(damaged, policyBytes).get()
        #expect(catalogue.service("es") == nil)
        #expect(catalogue.action("es:ESHttpGet") == nil)
        #expect(catalogue.service("s3") != nil)
        let text = String(decoding: damaged, as: UTF8.self)
        let expectedLine = try #require(text.range(of: "A\tESHttpGet\tQ")).lowerBound
        let line = text[..<expectedLine].filter { $0 == "\n" }.count + 1
        #expect(throws: CatalogueError.malformed(
            file: "catalogue.agcat", line: line, reason: "unknown access level in action record")) {
            try catalogue.validate()
        }
        #expect(CatalogueError.malformed(file: "catalogue.agcat", line: 12, reason: "malformed action record").description
            == "catalogue.agcat: line 12: malformed action record")
    }

    @Test func badReferencesInsideSections() throws {
        // Same-length edits, so the index stays valid and the damage is found by the section parser.
        // es has five resource types (0-4) and three condition-key names (0-2).
        let badRow = try replacing(catalogueBytes, "A\tESHttpGet\tR\t\t\nT\t2\t", with: "A\tESHttpGet\tR\t\t\nT\t9\t")
        let rowCatalogue = try load(badRow, policyBytes).get()
        #expect(rowCatalogue.service("es") == nil)
        #expect(throws: CatalogueError.self) { try rowCatalogue.validate() }
        let badKey = try replacing(
            catalogueBytes, "R\tdomain\tarn:${Partition}:es:${Region}:${Account}:domain/${DomainName}\t1\n",
            with: "R\tdomain\tarn:${Partition}:es:${Region}:${Account}:domain/${DomainName}\t7\n")
        #expect(throws: CatalogueError.self) { try load(badKey, policyBytes).get().validate() }
        let badType = try replacing(catalogueBytes, "\tIPAddress\tgd", with: "\tIPAddresZ\tgd")
        let catalogue = try load(badType, policyBytes).get()
        #expect(catalogue.conditionKey("aws:SourceIp") == nil)
        #expect(catalogue.service("s3") != nil)   // services do not depend on the key section
        #expect(throws: CatalogueError.self) { try catalogue.validate() }
    }

    @Test func badPolicyIndex() throws {
        let damaged = try replacing(policyBytes, "P\tAmazonS3FullAccess\t/\t", with: "P\tAmazonS3FullAccess\t/\tv2\tx\t")
        guard case .failure(.malformed(file: "managed-policies.agmp", _, _)) = load(catalogueBytes, damaged) else {
            Issue.record("damaged policy index loaded")
            return
        }
    }

    @Test func randomByteDamageNeverTraps() {
        // Deterministic pseudo-random corruption of the header area and of sections: whatever the
        // outcome, it must be a value or a CatalogueError.
        var generator = SplitMix64(seed: 0xA11CE)
        for round in 0..<80 {
            var catalogue = catalogueBytes
            var policies = policyBytes
            let target = round % 2 == 0
            let count = target ? catalogue.count : policies.count
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                // Bias towards the first 40 KB, where the index lives.
                let limit = generator.next() % 3 == 0 ? count : min(count, 40_000)
                let position = Int(generator.next() % UInt64(limit))
                let byte = [UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "9"), UInt8(ascii: "x"), 0xFF][Int(generator.next() % 5)]
                if target { catalogue[position] = byte } else { policies[position] = byte }
            }
            guard case .success(let loaded) = load(catalogue, policies) else { continue }
            _ = try? loaded.validate()
            _ = loaded.expandActionPattern("s3:Get*")
            _ = loaded.conditionKey("aws:PrincipalTag/x")
            _ = loaded.managedPolicy(named: "AmazonS3FullAccess")
        }
    }
}

private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
