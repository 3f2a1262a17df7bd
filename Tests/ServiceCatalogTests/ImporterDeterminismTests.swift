import Foundation
import TestSupport
import Testing
@testable import ServiceCatalog

/// Re-runs the `catalogue-import` executable (built alongside the tests by `swift test`) on the
/// source data and checks that it reproduces the committed resource files byte for byte. Skipped
/// when the binary or the source data (../shared/data next to the package) is not present.
@Suite("Importer")
struct ImporterDeterminismTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let dataRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    static var importer: URL? { Executable.built("catalogue-import") }

    static var sourceDataPresent: Bool {
        FileManager.default.fileExists(atPath: dataRoot.appendingPathComponent("iam-data/data/services.json").path)
            && FileManager.default.fileExists(
                atPath: dataRoot.appendingPathComponent("aws-managed-policies/aws-managed-policies.json").path)
    }

    @Test(.enabled(if: importer != nil && sourceDataPresent, "needs the built importer and ../shared/data"))
    func importerReproducesTheCommittedFiles() throws {
        let importer = try #require(Self.importer)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }

        let process = Process()
        process.executableURL = importer
        process.arguments = [
            "--iam-data", Self.dataRoot.appendingPathComponent("iam-data/data").path,
            "--managed-policies", Self.dataRoot.appendingPathComponent("aws-managed-policies/aws-managed-policies.json").path,
            "--output-dir", output.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let resources = Self.packageRoot.appendingPathComponent("Sources/ServiceCatalog/Resources")
        for name in [CatalogueFormat.catalogueFileName, CatalogueFormat.managedPolicyFileName] {
            let fresh = try Data(contentsOf: output.appendingPathComponent(name))
            let committed = try Data(contentsOf: resources.appendingPathComponent(name))
            #expect(fresh == committed, "\(name) differs from a fresh import; re-run catalogue-import")
        }
    }
}
