import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// `ParameterValues`: `--parameter Key=Value` and the two parameters file forms AWS tools write,
/// and how they combine.
@Suite struct ParameterValuesTests {
    static func values(_ text: String) throws -> [ParameterValue] {
        try ParameterValues.parse(bytes: Array(text.utf8), file: "params.json")
    }

    @Test func pairsSplitAtTheFirstEquals() throws {
        let value = try ParameterValues.pair("Filter=a=b")
        #expect(value.key == "Filter")
        #expect(value.value == "a=b")
        #expect(value.location.file == "--parameter")
        #expect(try ParameterValues.pair("Empty=").value == "")
    }

    @Test(arguments: [
        ("NoEquals", "`NoEquals` is not `Key=Value`"),
        ("=value", "parameter name is empty"),
        ("My-Param=1", "parameter name `My-Param` has characters other than letters A-Z, a-z and digits 0-9"),
    ])
    func aMalformedPairNamesItself(pair: String, message: String) throws {
        let error = try #require(throws: DiagnosticError.self) { try ParameterValues.pair(pair) }
        #expect(error.diagnostics.map(\.code) == ["parameter.invalid"])
        #expect(error.diagnostics.first?.message == message)
        #expect(error.diagnostics.first?.file == "--parameter")
    }

    /// `aws cloudformation create-stack --parameters file://params.json`.
    @Test func theCloudFormationCLIForm() throws {
        let values = try Self.values("""
        [
          {"ParameterKey": "Env", "ParameterValue": "prod"},
          {"ParameterKey": "Shards", "ParameterValue": 3},
          {"ParameterKey": "Version", "UsePreviousValue": true}
        ]
        """)
        #expect(values.map(\.key) == ["Env", "Shards", "Version"])
        #expect(values.map(\.value) == ["prod", "3", nil], "UsePreviousValue leaves the value unknown")
        #expect(values.map(\.location.position) == [SourcePosition(line: 2, column: 20), SourcePosition(line: 3, column: 20), SourcePosition(line: 4, column: 20)])
    }

    /// CodePipeline's template configuration file; its tags and stack policy are not parameters.
    @Test func theTemplateConfigurationForm() throws {
        let values = try Self.values("""
        {
          "Parameters": {"Env": "prod", "Subnets": "a,b"},
          "Tags": {"team": "search"},
          "StackPolicy": {"Statement": []}
        }
        """)
        #expect(values.map(\.key) == ["Env", "Subnets"])
        #expect(values.map(\.value) == ["prod", "a,b"])
        #expect(values.first?.location == SourceLocation(file: "params.json", position: SourcePosition(line: 2, column: 18)))
    }

    /// A text, the error code it gives and where (the shape `ErrorTests` uses for templates).
    typealias Malformed = ErrorTests.Case

    static let malformed: [Malformed] = [
        Malformed(name: "not JSON", text: "[\n  {\"ParameterKey\": }\n]", code: "json.unexpected-character", line: 2, column: 20, message: "unexpected `}`, expected a value"),
        Malformed(name: "a string", text: "\"Env=prod\"", code: "parameter.invalid-file", line: 1, column: 1, message: "a parameters file is an array or an object, found string"),
        Malformed(name: "an entry that is not an object", text: "[\n  \"Env\"\n]", code: "parameter.invalid-file", line: 2, column: 3,
                  message: "each parameter must be an object with `ParameterKey`, found string"),
        Malformed(name: "no key", text: "[\n  {\"ParameterValue\": \"x\"}\n]", code: "parameter.invalid-file", line: 2, column: 3, message: "a parameter needs a string `ParameterKey`"),
        Malformed(name: "no value", text: "[\n  {\"ParameterKey\": \"Env\"}\n]", code: "parameter.invalid-file", line: 2, column: 20,
                  message: "parameter `Env` needs a `ParameterValue` (or `UsePreviousValue: true`)"),
        Malformed(name: "a list value", text: "[{\"ParameterKey\": \"Env\",\n  \"ParameterValue\": [\"a\"]}]", code: "parameter.invalid-file", line: 2, column: 21,
                  message: "the `ParameterValue` of `Env` must be a string, found array"),
        Malformed(name: "a key CloudFormation rejects", text: "{\"Parameters\": {\n  \"my-env\": \"prod\"}}", code: "parameter.invalid", line: 2, column: 3,
                  message: "parameter name `my-env` has characters other than letters"),
        Malformed(name: "Parameters not an object", text: "{\"Parameters\": [\"Env\"]}", code: "parameter.invalid-file", line: 1, column: 16,
                  message: "`Parameters` must be an object of names and values, found array"),
        Malformed(name: "an unknown section", text: "{\"Parameters\": {},\n \"Params\": {}}", code: "parameter.invalid-file", line: 2, column: 2,
                  message: "`Params` is not part of a template configuration file"),
        Malformed(name: "an object value", text: "{\"Parameters\": {\"Env\": {\"Ref\": \"X\"}}}", code: "parameter.invalid-file", line: 1, column: 24,
                  message: "the value of `Env` must be a string, found object"),
    ]

    @Test(arguments: malformed)
    func aMalformedFileIsAPositionedError(_ testCase: Malformed) throws {
        let error = try #require(throws: DiagnosticError.self) { try Self.values(testCase.text) }
        try testCase.expectFirst(of: error, in: "params.json")
    }

    @Test func aFileLargerThanTheLimitIsRefusedUnread() throws {
        let error = try #require(throws: DiagnosticError.self) {
            try ParameterValues.parse(bytes: [UInt8](repeating: 0x20, count: InputLimits.parameterFileBytes + 1), file: "params.json")
        }
        #expect(error.diagnostics.map(\.code) == ["parameter.too-large"])
    }

    /// A pair overrides a file; a key given twice by pairs or by files is an error naming both places.
    @Test func pairsOverrideFilesAndRepeatsAreErrors() throws {
        let file = try Self.values(#"{"Parameters": {"Env": "prod", "Shards": "3"}}"#)
        let merged = try ParameterValues.merged(files: [file], pairs: [try ParameterValues.pair("Env=dev")])
        #expect(merged.map(\.key) == ["Shards", "Env"])
        #expect(merged.map(\.value) == ["3", "dev"])

        let twice = try #require(throws: DiagnosticError.self) {
            try ParameterValues.merged(files: [], pairs: [try ParameterValues.pair("Env=dev"), try ParameterValues.pair("Env=prod")])
        }
        #expect(twice.diagnostics.map(\.message) == ["parameter `Env` is given twice (also at --parameter)"])
        let other = try ParameterValues.parse(bytes: Array("[{\"ParameterKey\": \"Env\", \"ParameterValue\": \"test\"}]".utf8), file: "other.json")
        let inTwoFiles = try #require(throws: DiagnosticError.self) { try ParameterValues.merged(files: [file, other], pairs: []) }
        #expect(inTwoFiles.diagnostics.map(\.description) == ["other.json:1:19: error[parameter.duplicate]: parameter `Env` is given twice (also at params.json:1:17)"])
    }
}
