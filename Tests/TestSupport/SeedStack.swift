import Foundation

/// Where the checkout is: the one place that works it out from this file's path, so tests find
/// the bundled reference stack and the committed reports from a clean clone.
package enum Repository {
    /// The package root (`Tests/TestSupport/` is two directories below it).
    package static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    package static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}

/// The reference stack's files, read from the copy the CLI bundles
/// (`Sources/AccessGraphCLI/Resources/seed-stack/`).
package enum SeedStack {
    package static let directory = Repository.url("Sources/AccessGraphCLI/Resources/seed-stack")

    /// The CDK-synthesized `DashboardStack`, for one account and region (concrete) or for any
    /// (agnostic), and its pipeline configuration in the same two forms.
    package enum File: String, Sendable, CaseIterable {
        case concreteTemplate = "DashboardStack.123456789012-us-east-1.template.json"
        case agnosticTemplate = "DashboardStack.agnostic.template.json"
        case concretePipeline = "pipeline.123456789012-us-east-1.yaml"
        case agnosticPipeline = "pipeline.agnostic.yaml"

        package var fileName: String { rawValue }
        package var url: URL { directory.appendingPathComponent(rawValue) }
        package var path: String { url.path }

        /// The file's text; empty when it cannot be read, which every test that reads it then
        /// fails on (static test arguments cannot throw).
        package var text: String {
            (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }

        /// The original in `../shared/fixtures/seed-stack/`, next to the checkout; a clean clone
        /// does not have it.
        package var sharedFixtureText: String? {
            let shared = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/seed-stack/\(rawValue)")
            return try? String(contentsOf: shared, encoding: .utf8)
        }
    }
}
