import Foundation
import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// `Tests/YAMLTemplates/`: valid YAML templates that are easy to misread (schedule expressions,
/// indicator characters in plain scalars, multi-line scalars next to aliases, quotes, block
/// scalars, flow collections, directives, typed scalars, rule functions). Each must load with no
/// error and no warning, and each `# expect: Resource.Path == JSON` line in it must hold: the
/// path is a logical id, then property keys and list indexes joined by `.`.
@Suite struct YAMLCorpusTests {
    static let directory = Repository.url("Tests/YAMLTemplates")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    struct Expectation {
        var path: [String]
        var json: String
    }

    static func expectations(in text: String) -> [Expectation] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("# expect: "), let equals = line.range(of: " == ") else { return nil }
            let path = line[line.index(line.startIndex, offsetBy: 10)..<equals.lowerBound]
            return Expectation(path: path.split(separator: ".").map(String.init), json: String(line[equals.upperBound...]))
        }
    }

    @Test func theCorpusIsThere() {
        #expect(Self.files.count >= 10, "\(Self.files)")
    }

    @Test(arguments: files)
    func loadsAsWritten(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let template = try CloudFormationTemplate.load(text: text, file: name, context: .unknown)
        #expect(template.warnings.isEmpty, "\(template.warnings)")
        let expectations = Self.expectations(in: text)
        #expect(!expectations.isEmpty, "\(name) says nothing about what it should read as")
        for expectation in expectations {
            var node = try #require(template.resource(expectation.path[0])?.properties, "\(name): no resource \(expectation.path[0])")
            for key in expectation.path.dropFirst() {
                let next = Int(key).flatMap { node.listValue?.indices.contains($0) == true ? node.listValue?[$0] : nil } ?? node[key]
                node = try #require(next, "\(name): \(expectation.path.joined(separator: ".")) has no \(key)")
            }
            #expect(node.jsonText() == expectation.json, "\(name): \(expectation.path.joined(separator: "."))")
        }
    }
}
