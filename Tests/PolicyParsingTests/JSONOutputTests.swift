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
