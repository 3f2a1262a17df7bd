import Foundation

/// The reference pipeline files, read from the copy the CLI bundles
/// (`Sources/AccessGraphCLI/Resources/seed-stack/`), so the tests run from a clean clone.
/// `SeedStackFixtureTests` checks that copy still matches `../shared/fixtures/seed-stack/`.
enum SeedStackFixtures {
    static let concreteFileName = "pipeline.123456789012-us-east-1.yaml"
    static let agnosticFileName = "pipeline.agnostic.yaml"

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/AccessGraphCLI/Resources/seed-stack")

    static var concrete: String { read(concreteFileName) }
    static var agnostic: String { read(agnosticFileName) }

    static func read(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
}
