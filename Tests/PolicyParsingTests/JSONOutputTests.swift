import Foundation
import PolicyParsing
import Testing

@Suite struct JSONOutputTests {
    static let value = JSONOutput.object([
        ("name", .string("a \"b\"\n")),
        ("count", .int(2)),
        ("price", .number("1.50")),
        ("flags", .array([.bool(true), .null])),
        ("empty", .object([])),
    ])

    @Test func prettyOutputIndentsByTwoSpacesAndEndsWithANewline() {
        #expect(Self.value.rendered() == """
        {
          "name": "a \\"b\\"\\n",
          "count": 2,
          "price": 1.50,
          "flags": [
            true,
            null
          ],
          "empty": {}
        }

        """)
    }

    @Test func compactOutputHasNoWhitespace() {
        #expect(Self.value.renderedCompact() == #"{"name":"a \"b\"\n","count":2,"price":1.50,"flags":[true,null],"empty":{}}"#)
    }
}

/// `streamObjectOfArrays` writes what `rendered()` writes for the same object, an item at a time.
@Suite struct JSONOutputStreamTests {
    static let items: [JSONOutput] = [JSONOutputTests.value, .string("b"), .array([.int(1), .object([])])]

    static func streamed(_ members: [(String, [JSONOutput])]) -> (text: String, pieces: [String]) {
        var pieces: [String] = []
        JSONOutput.streamObjectOfArrays(members.map { ($0.0, $0.1) }) { pieces.append($0) }
        return (pieces.joined(), pieces)
    }

    @Test(arguments: [
        [("nodes", items), ("edges", Array(items.prefix(1)))],
        [("nodes", []), ("edges", items)],
        [("nodes", items), ("edges", [])],
        [("nodes", []), ("edges", [])],
        [("only", items)],
        [],
    ])
    func streamedTextIsTheRenderedObject(_ members: [(String, [JSONOutput])]) {
        let whole = JSONOutput.object(members.map { ($0.0, .array($0.1)) }).rendered()
        #expect(Self.streamed(members).text == whole)
    }

    /// One piece per item, so a writer never holds more than one item of a large array.
    @Test func eachItemIsItsOwnPiece() {
        let pieces = Self.streamed([("nodes", Self.items), ("edges", [.string("e")])]).pieces
        #expect(pieces == ["{\n  \"nodes\": [", "\n    " + Self.indented(JSONOutputTests.value), ",\n    \"b\"",
                           ",\n    [\n      1,\n      {}\n    ]", "\n  ]", ",\n  \"edges\": [", "\n    \"e\"", "\n  ]", "\n}\n"])
    }

    /// `value` as an item of a top-level member's array writes it: four spaces deeper, no final newline.
    static func indented(_ value: JSONOutput) -> String {
        String(value.rendered().dropLast()).replacingOccurrences(of: "\n", with: "\n    ")
    }
}
