import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// Input built to crash or exhaust the loader must fail cleanly and quickly.
struct HostileInputTests {
    @Test func deeplyNestedJSON() throws {
        let text = "{\"Resources\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let error = try #require(loadError(text))
        #expect(error.diagnostics.first?.code == "json.too-deep")
    }

    @Test(arguments: [200, 900, 5_000, 100_000])
    func deeplyNestedYAML(_ depth: Int) throws {
        let flow = "Resources: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let error = try #require(loadError(flow))
        // libyaml stops at 1000 levels, our reader at 128.
        #expect(["template.too-deep", "template.invalid-yaml"].contains(error.diagnostics.first?.code ?? ""))
        var block = "Resources:\n"
        for level in 0..<min(depth, 2_000) {
            block += String(repeating: " ", count: level + 1) + "- \n"
        }
        _ = loadError(block)
    }

    @Test func billionLaughs() throws {
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        yaml += "Resources:\n  A: {Type: Custom::X, Properties: {V: *a9}}\n"
        let error = try #require(loadError(yaml))
        #expect(error.diagnostics.first?.code == "template.too-large")
    }

    /// A key built from aliases would make Yams hash an exponential tree.
    @Test func aliasBombAsKey() throws {
        var yaml = "a0: &a0 [lol, lol]\n"
        for level in 1...30 {
            yaml += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n"
        }
        yaml += "? *a30\n: x\nResources: {}\n"
        let error = try #require(loadError(yaml))
        #expect(error.diagnostics.first?.code == "template.unsupported-yaml")
        let flowKey = "a: &a [x]\nb: {[*a, *a]: 1}\nResources: {}\n"
        #expect(loadError(flowKey)?.diagnostics.first?.code == "template.unsupported-yaml")
    }

    /// Fifteen levels of doubling aliases as a key, over a long scalar: refused before Yams hashes
    /// the key, at the alias.
    @Test func fifteenLevelAliasKeyBomb() throws {
        var yaml = "a0: &a0 \"\(String(repeating: "lol ", count: 100))\"\n"
        for level in 1...15 {
            yaml += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n"
        }
        yaml += "Resources:\n  *a15 : {Type: Custom::X}\n"
        let error = try #require(loadError(yaml))
        #expect(error.diagnostics.map(\.code) == ["template.unsupported-yaml"])
        #expect(error.diagnostics.first?.position == at(18, 3))
    }

    /// Joins over a long parameter default would multiply the input size.
    @Test func expansionThroughParameters() throws {
        let big = String(repeating: "x", count: 100_000)
        let refs = Array(repeating: "!Ref P", count: 300).joined(separator: ", ")
        let yaml = "Parameters:\n  P: {Type: String, Default: \(big)}\nResources:\n  A:\n    Type: Custom::X\n    Properties:\n      V: !Join [\"\", [\(refs)]]\n"
        let error = try #require(loadError(yaml))
        #expect(error.diagnostics.first?.code == "template.too-large")
    }

    /// A chain of resources each naming the next is resolved without recursion.
    @Test func longReferenceChain() throws {
        var yaml = "Resources:\n  R0: {Type: AWS::IAM::Role, Properties: {RoleName: root}}\n"
        for index in 1..<5_000 {
            yaml += "  R\(index): {Type: AWS::IAM::Role, Properties: {RoleName: !Ref R\(index - 1)}}\n"
        }
        let template = try loadTemplate(yaml)
        #expect(template.resource("R4999")?.ref == "root")
        #expect(template.resources.count == 5_000)
    }

    /// A long cycle is found and reported once, without recursion.
    @Test func longCycle() throws {
        var yaml = "Resources:\n"
        for index in 0..<3_000 {
            yaml += "  R\(index): {Type: Custom::X, Properties: {Next: !Ref R\((index + 1) % 3_000)}}\n"
        }
        let error = try #require(loadError(yaml))
        #expect(error.diagnostics.map(\.code) == ["template.circular-reference"])
    }

    @Test func largeTemplate() throws {
        var json = "{\"Resources\": {"
        for index in 0..<20_000 {
            if index > 0 { json += "," }
            json += "\"B\(index)\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": {\"Fn::Sub\": \"b-\(index)-${AWS::AccountId}\"}}}"
        }
        json += "}}"
        let template = try loadTemplate(json, context: concreteContext)
        #expect(template.resources.count == 20_000)
        #expect(template.resource("B7")?.arn == "arn:aws:s3:::b-7-123456789012")
    }

    /// Each resource costs about 2 KB however short: past `InputLimits.templateResources` (20,000,
    /// forty times CloudFormation's 500) the template is refused before anything is resolved.
    @Test func tooManyResources() throws {
        let resources = (0...InputLimits.templateResources).map { "\"B\($0)\":{\"Type\":\"AWS::S3::Bucket\"}" }
        let error = try #require(loadError("{\n\"Resources\": {" + resources.joined(separator: ",") + "}}"))
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics.first?.code == "template.too-large")
        #expect(error.diagnostics.first?.message == "the template has 20001 resources, more than the limit of 20000")
        #expect(error.diagnostics.first?.help == "CloudFormation accepts at most 500 resources in a stack")
        #expect(error.diagnostics.first?.position == at(2, 14))
    }

    @Test func oversizedInput() throws {
        let bytes = [UInt8](repeating: 0x20, count: InputLimits.templateBytes + 1)
        #expect(loadError(bytes: bytes)?.diagnostics.first?.code == "template.too-large")
    }

    @Test(arguments: ["", "   ", "{", "Resources:\n  A: {Type: Custom::X, Properties: {V: {Ref: }}}", "\u{0}", "? \n", "!Ref x", "*a", "&a", "Resources: !GetAtt"])
    func garbageDoesNotCrash(_ text: String) {
        _ = try? loadTemplate(text)
    }
}
