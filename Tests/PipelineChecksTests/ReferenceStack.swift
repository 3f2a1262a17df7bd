import Foundation
import ServiceCatalog
import AccessInventory
import PipelineChecks
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
        let input = StackInput(
            template: .bytes([UInt8](data), name: "variant.json"), pipeline: pipelineYAML.map { .bytes(Array($0.utf8), name: "pipeline.yaml") },
            context: TemplateContext(account: "123456789012", region: "us-east-1"))
        let catalogue = try ServiceCatalogue.embedded()
        return StackAnalyzer.analyze(try StackLoader.load(input, catalogue: catalogue), catalogue: catalogue)
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
