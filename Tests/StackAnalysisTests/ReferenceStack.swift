import Foundation
import PipelineParsing
import ServiceCatalog
import StackAnalysis
import TemplateParsing

/// The reference stack as a mutable JSON object, so each test can break it in one place.
enum ReferenceStack {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/AccessGraphCLI/Resources/seed-stack")
    static let concrete = "DashboardStack.123456789012-us-east-1.template.json"

    static func json() throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(concrete))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func analyze(_ template: [String: Any], pipelineYAML: String? = nil) throws -> StackReport {
        let data = try JSONSerialization.data(withJSONObject: template, options: [.sortedKeys, .prettyPrinted])
        let loaded = try CloudFormationTemplate.load(
            bytes: [UInt8](data), file: "variant.json", context: TemplateContext(account: "123456789012", region: "us-east-1"))
        let pipeline = try pipelineYAML.map { try PipelineConfiguration.parse(text: $0, file: "pipeline.yaml", markers: .cloudFormationTokens) }
        return try StackAnalyzer.analyze(template: loaded, pipeline: pipeline, catalogue: ServiceCatalogue.embedded())
    }

    static func pipelineYAML() throws -> String {
        try String(contentsOf: directory.appendingPathComponent("pipeline.123456789012-us-east-1.yaml"), encoding: .utf8)
    }
}

/// Edits a nested JSON object in place along a path of keys.
func edit(_ object: inout [String: Any], _ path: [String], _ change: (inout Any) -> Void) {
    guard let first = path.first else { return }
    if path.count == 1 {
        var value: Any = object[first] ?? NSNull()
        change(&value)
        object[first] = value
        return
    }
    var child = object[first] as? [String: Any] ?? [:]
    edit(&child, Array(path.dropFirst()), change)
    object[first] = child
}

func set(_ object: inout [String: Any], _ path: [String], _ value: Any) {
    edit(&object, path) { $0 = value }
}

func remove(_ object: inout [String: Any], _ path: [String]) {
    guard path.count > 1 else { object[path[0]] = nil; return }
    edit(&object, Array(path.dropLast())) { value in
        var dictionary = value as? [String: Any] ?? [:]
        dictionary[path[path.count - 1]] = nil
        value = dictionary
    }
}
