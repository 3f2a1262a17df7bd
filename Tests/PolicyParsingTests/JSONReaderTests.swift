import PolicyModel
import PolicyParsing
import Testing

@Suite struct JSONReaderTests {
    @Test func recordsLineAndColumnOfEveryValueAndKey() throws {
        let text = """
        {
          "a": [1, "two",
                {"b": null}],
          "é": "ü"
        }
        """
        let root = try JSONReader.parse(text)
        #expect(root.position == SourcePosition(line: 1, column: 1))
        let members = try #require(root.objectValue)
        #expect(members[0].keyPosition == SourcePosition(line: 2, column: 3))
        let items = try #require(members[0].value.arrayValue)
        #expect(items[0].position == SourcePosition(line: 2, column: 9))
        #expect(items[1].position == SourcePosition(line: 2, column: 12))
        #expect(items[2].position == SourcePosition(line: 3, column: 9))
        #expect(items[2]["b"]?.position == SourcePosition(line: 3, column: 15))
        // Columns count characters, not UTF-8 bytes.
        #expect(members[1].value.position == SourcePosition(line: 4, column: 8))
        #expect(members[1].key == "é")
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let root = try JSONReader.parse(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00"]"#)
        #expect(root.arrayValue?.first?.stringValue == "a\"b\\c/d\n\té😀")
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var code: String
        var line: Int
        var column: Int
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ code: String, _ line: Int, _ column: Int) {
            self.init(name, Array(text.utf8), code, line, column)
        }

        init(_ name: String, _ bytes: [UInt8], _ code: String, _ line: Int, _ column: Int) {
            self.name = name
            self.bytes = bytes
            self.code = code
            self.line = line
            self.column = column
        }
    }

    static let badInputs: [BadInput] = [
        BadInput("empty input", "", "json.unexpected-end", 1, 1),
        BadInput("missing value", "{\"a\": }", "json.unexpected-character", 1, 7),
        BadInput("trailing comma in object", "{\"a\": 1,\n}", "json.expected-key", 2, 1),
        BadInput("trailing comma in array", "[1,]", "json.unexpected-character", 1, 4),
        BadInput("unterminated string", "{\"a\": \"abc", "json.unterminated-string", 1, 7),
        BadInput("invalid escape", #"["\x"]"#, "json.invalid-escape", 1, 3),
        BadInput("lone surrogate", #"["\ud800"]"#, "json.invalid-escape", 1, 3),
        BadInput("raw line break in string", "[\"a\nb\"]", "json.control-character", 1, 4),
        BadInput("duplicate key", "{\"Effect\": 1,\n \"Effect\": 2}", "json.duplicate-key", 2, 2),
        BadInput("leading zero", "[01]", "json.invalid-number", 1, 2),
        BadInput("bare minus", "[-]", "json.invalid-number", 1, 2),
        BadInput("trailing content", "{} {}", "json.trailing-content", 1, 4),
        BadInput("single quotes", "{'a': 1}", "json.expected-key", 1, 2),
        BadInput("misspelled literal", "[tru]", "json.unexpected-character", 1, 2),
        BadInput("invalid UTF-8 byte", [0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D], "json.invalid-utf8", 1, 4),
        BadInput("overlong UTF-8", [0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D], "json.invalid-utf8", 1, 3),
        BadInput("UTF-16 surrogate in UTF-8", [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D], "json.invalid-utf8", 1, 3),
        BadInput("truncated UTF-8", [0x5B, 0x22, 0xE2, 0x82], "json.invalid-utf8", 1, 3),
    ]

    @Test(arguments: badInputs)
    func rejectsMalformedInputWithCodeAndPosition(_ input: BadInput) {
        do {
            _ = try JSONReader.parse(bytes: input.bytes)
            Issue.record("\(input.name) was accepted")
        } catch {
            let diagnostic = error.diagnostics[0]
            #expect(diagnostic.code == input.code)
            #expect(diagnostic.position == SourcePosition(line: input.line, column: input.column), "\(diagnostic)")
            #expect(diagnostic.severity == .error)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: DiagnosticError.self) { try JSONReader.parse(text) }
        do {
            _ = try JSONReader.parse(text)
        } catch {
            #expect(error.diagnostics[0].code == "json.too-deep")
        }
        // Exactly at the limit is fine.
        let limit = JSONReader.defaultMaximumDepth
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONReader.parse(atLimit) }
    }

    @Test func toleratesAByteOrderMark() throws {
        let root = try JSONReader.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
        #expect(root["a"]?.value == .number("1"))
    }
}
