import PipelineParsing
import PolicyModel
import Testing
import Foundation

@Test func probe() throws {
    let inputs: [String] = [
        "version: \"2\"\np:\n  source: [\n",
        "version: \"2\"\np:\n  source:\n    dynamodb: {}\n  source: x\n",
        "- a\n- b\n",
        "",
        "# c\n",
        "version: \"2\"\n",
        String(repeating: "[", count: 2000),
        String(repeating: "- ", count: 2000) + "x\n",
        (0..<1200).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v\n",
        "a: \"\u{0}\"\n",
        "a: b\n\tc: d\n",
        "version: \"2\"\np:\n  source:\n    dynamodb:\n      tables: \"x\"\n  sink:\n    - opensearch:\n        hosts: \"https://x\"\n",
    ]
    for input in inputs {
        let start = Date()
        do {
            let c = try PipelineConfiguration.parse(text: input, file: "f.yaml")
            print("OK", c)
        } catch {
            print("ERR", error.description, error.diagnostics.map { $0.help ?? "" })
        }
        print("took", Date().timeIntervalSince(start))
    }
}
