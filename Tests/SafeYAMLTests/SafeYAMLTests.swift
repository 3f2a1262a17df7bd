import PolicyModel
import TestSupport
import SafeYAML
import Testing

let limits = YAMLLimits(maximumBytes: 1 << 20, maximumDepth: 64)

func parse(_ text: String, limits: YAMLLimits = limits) throws(SafeYAMLError) -> YAMLNode? {
    try SafeYAML.parse(text, limits: limits)
}

/// The refusal of `text`, or nil (recorded as an issue) when it parses.
func refusal(_ text: String, limits: YAMLLimits = limits, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SafeYAMLError? {
    do {
        _ = try parse(text, limits: limits)
        Issue.record("expected the YAML to be refused", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}


extension YAMLNode {
    subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.text == key }?.value
    }
}

/// The lexical pass that runs before Yams: aliases in keys and the alias count.
@Suite struct AliasKeyTests {
    struct Refused: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var kind: SafeYAMLError.Kind
        var position: SourcePosition
        var testDescription: String { name }
    }

    static let refused: [Refused] = [
        Refused(name: "alias as a block key", text: "a: &a k\n*a : v\n", kind: .aliasInKey, position: at(2, 1)),
        Refused(name: "alias as a flow key", text: "a: &a k\nb: {x: 1, *a: 2}\n", kind: .aliasInKey, position: at(2, 11)),
        Refused(name: "alias key in a flow sequence", text: "a: &a k\nb: [*a: 2]\n", kind: .aliasInKey, position: at(2, 5)),
        Refused(name: "complex key with aliases in the text", text: "a: &a k\n? [*a]\n: v\n", kind: .aliasInKey, position: at(2, 1)),
        Refused(name: "flow collection as key", text: "a: &a [x]\nb: {[*a, *a]: 1}\n", kind: .aliasInKey, position: at(2, 5)),
        Refused(
            name: "a block scalar ends where its mapping continues",
            text: "a: &a x\nlist:\n  - text: |\n      body\n    *a : y\n", kind: .aliasInKey, position: at(5, 5)
        ),
        Refused(
            name: "lines counted through multi-line quotes",
            text: "a: &a x\nb: \"one\\\n  two\n  three\"\n*a : y\n", kind: .aliasInKey, position: at(5, 1)
        ),
        Refused(name: "columns count Unicode scalars", text: "a: &a x\n{é: 1, *a: 2}\n", kind: .aliasInKey, position: at(2, 8)),
        // Found by the template fuzzer: a flow key closed on a later line than it opened crashed
        // the scanner, which measured the opening's column from the closing line's start.
        Refused(
            name: "a flow key spanning lines is at its opening", text: "x: &a 1\ny: {k: [*a,\n  b]: c}\n",
            kind: .aliasInKey, position: at(2, 8)
        ),
    ]

    /// The fuzzer's input: a flow sequence opened on line 3 and closed on line 4 before ` :`.
    @Test func aFlowCollectionClosedOnALaterLineBeforeAColonIsASyntaxError() throws {
        let text = "ConditioResources:\n  ns:\n  A: !Not [!Condition A:\n    Type: Cus,om: B] :\nB !Not [!Condition A]\n"
        let error = try #require(refusal(text))
        #expect(error.kind == .syntax)
        #expect(error.message == "invalid YAML: did not find expected ',' or ']'")
        #expect(error.position == at(4, 9))
    }

    @Test(arguments: refused)
    func refusesBeforeComposing(_ refused: Refused) throws {
        let error = try #require(refusal(refused.text))
        #expect(error.kind == refused.kind)
        #expect(error.position == refused.position)
    }

    /// Text that only looks like aliases or keys: plain scalars (`cron(0 12 * * ? *)`), quotes,
    /// comments, block scalars and tags, in a document that does use aliases.
    @Test func textThatLooksLikeAliasesIsRead() throws {
        let text = """
        base: &base x
        schedule: cron(0 12 * * ? *)
        glob: a *b ? c & d | e > f
        quoted: "*base: no"
        single: '? no'
        # *base: a comment
        block: |
          *base: text
          ? text
        folded: >-
          - *base: text
        tagged: !Sub "${x}"
        choice: !If [c, *base, y]
        url: https://example.com/a:b
        after: *base
        """
        let root = try #require(try parse(text))
        #expect(root["schedule"]?.scalar?.text == "cron(0 12 * * ? *)")
        #expect(root["glob"]?.scalar?.text == "a *b ? c & d | e > f")
        #expect(root["block"]?.scalar?.text == "*base: text\n? text\n")
        #expect(root["choice"]?.sequence?.map { $0.scalar?.text } == ["c", "x", "y"])
        #expect(root["after"]?.scalar?.text == "x")
    }

    /// A plain scalar goes on over more indented lines (YAML 1.2 §7.3.3, multi-line plain
    /// scalars), whose text may start with `?`, `*`, `-`, `[`, `{`, `|` or `>`: none of it is a
    /// key, an alias or a block scalar, even in a document that uses aliases.
    @Test func continuationLinesOfPlainScalarsAreText() throws {
        let text = """
        base: &base x
        schedule: runs at noon
          ? every day
          *base is text
          - not an item

          [not a flow
          | nor a block
        list:
          - first item
            ? still the first
          -
            own line
            ? still own line
        after: *base
        """
        let root = try #require(try parse(text))
        #expect(root["schedule"]?.scalar?.text == "runs at noon ? every day *base is text - not an item\n[not a flow | nor a block")
        #expect(root["list"]?.sequence?.map { $0.scalar?.text } == ["first item ? still the first", "own line ? still own line"])
        #expect(root["after"]?.scalar?.text == "x")
    }

    /// A line no deeper than the scalar's key, or after a comment, is read for keys again.
    @Test(arguments: [
        ("a: &a x\nb: text\n*a : y\n", at(3, 1)),
        ("a: &a x\nm:\n  b: text\n  *a : y\n", at(4, 3)),
        ("a: &a x\nm:\n  b: text\n  # a comment\n  *a : y\n", at(5, 3)),
        ("a: &a x\nb: text\n  more\n*a : y\n", at(4, 1)),
    ])
    func aliasKeysAfterPlainScalarsAreStillRefused(text: String, position: SourcePosition) throws {
        let error = try #require(refusal(text))
        #expect(error.kind == .aliasInKey)
        #expect(error.position == position)
    }

    /// A plain `*` is an alias without a name, which YAML (and CloudFormation, and cfn-lint)
    /// rejects; the help says to quote it.
    @Test func aBareStarSaysToQuoteIt() throws {
        let error = try #require(refusal("Statement:\n  - Resource: *\n"))
        #expect(error.kind == .syntax)
        #expect(error.position == at(2, 16))
        #expect(error.help == "while scanning an alias at 2:15; a value that starts with `*` is an alias in YAML: quote it (`'*'`)")
    }

    /// Without aliases, complex keys are legal YAML and left to the readers.
    @Test func complexKeysWithoutAliasesAreRead() throws {
        let root = try #require(try parse("? [a, b]\n: v\n"))
        #expect(root.mapping?.first?.key.sequence?.count == 2)
    }

    @Test func aliasCountIsLimited() throws {
        var counted = limits
        counted.maximumAliases = 2
        let text = "a: &a x\nb: [*a, *a]\n# *a *a\nc: \"*a\"\nd: *a\n"
        let error = try #require(refusal(text, limits: counted))
        #expect(error.kind == .tooManyAliases)
        #expect(error.position == at(5, 4))
        #expect(try parse(text) != nil)
    }
}

/// The tree: content, tags, styles and positions as written.
@Suite struct TreeTests {
    @Test func tagsAndStylesAsWritten() throws {
        let root = try #require(try parse("a: !Ref x\nb: !!str 1\nc: ! y\nd: 'q'\ne: |\n  l\nf: plain\n"))
        #expect(root["a"]?.tag == "!Ref")
        #expect(root["b"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["c"]?.tag == "!")
        #expect(root["f"]?.tag == "")
        #expect(root["d"]?.scalar?.style == .singleQuoted)
        #expect(root["d"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["e"]?.scalar?.style == .literal)
        #expect(root["f"]?.scalar?.style == .plain)
    }

    @Test func positionsCountUnicodeScalars() throws {
        let root = try #require(try parse("k: [\"é\", ü, x]\r\nnext: y\r\n"))
        #expect(root["k"]?.sequence?.map(\.position) == [at(1, 5), at(1, 10), at(1, 13)])
        #expect(root.mapping?.last?.key.position == at(2, 1))
    }

    /// An alias is the anchored node again, with the anchor's position.
    @Test func aliasesRepeatTheAnchoredNode() throws {
        let root = try #require(try parse("a: &list [x, y]\nb: *list\n"))
        #expect(root["b"]?.sequence?.map { $0.scalar?.text } == ["x", "y"])
        #expect(root["b"]?.position == at(1, 4))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let root = try #require(try parse("\u{FEFF}a: b\n"))
        #expect(root["a"]?.position == at(1, 4))
    }

    @Test(arguments: ["", "# only a comment\n", "\u{FEFF}"])
    func noDocumentIsNil(_ text: String) throws {
        #expect(try parse(text) == nil)
    }

    /// Yams's default schema, as Data Prepper's Jackson reads scalars.
    @Test func schemaValues() throws {
        let root = try #require(try parse("a: yes\nb: \"true\"\nc: 'null'\nd: ~\ne:\nf: 0x1F\ng: !!str true\nh: text\ni: [x]\n"))
        #expect(root["a"]?.schemaValue == .bool(true))
        #expect(root["b"]?.schemaValue == .string)
        #expect(root["c"]?.schemaValue == .string)
        #expect(root["d"]?.schemaValue == .null)
        #expect(root["e"]?.schemaValue == .null)
        #expect(root["f"]?.schemaValue == .number)
        #expect(root["g"]?.schemaValue == .string)
        #expect(root["h"]?.schemaValue == .string)
        #expect(root["i"]?.schemaValue == nil)
        #expect(root.mapping?.map(\.value.isNull) == [false, false, false, true, true, false, false, false, false])
    }
}

/// Limits: size, depth (aliases included) and what aliases expand to.
@Suite struct LimitTests {
    @Test func textOverTheSizeLimit() throws {
        let error = try #require(refusal("a: b\n", limits: YAMLLimits(maximumBytes: 4, maximumDepth: 8)))
        #expect(error.kind == .tooLarge)
        #expect(error.position == at(1, 1))
    }

    @Test func nestingOverTheDepthLimit() throws {
        let error = try #require(refusal("a: [[[x]]]\n", limits: YAMLLimits(maximumBytes: 100, maximumDepth: 3)))
        #expect(error.kind == .tooDeep)
        #expect(error.position == at(1, 7))  // `x`, at depth 4 below the root mapping
        #expect(error.message == "nesting deeper than 3 levels")
    }

    /// Depth counts what an alias brings in, reported where the alias is used.
    @Test func nestingThroughAnAlias() throws {
        let error = try #require(refusal("a: &deep [[x]]\nb:\n  c: *deep\n", limits: YAMLLimits(maximumBytes: 100, maximumDepth: 3)))
        #expect(error.kind == .tooDeep)
        #expect(error.position == at(3, 3))
        #expect(error.message == "nesting deeper than 3 levels through the alias `*deep`")
    }

    @Test func libyamlNestingLimit() throws {
        let error = try #require(refusal(String(repeating: "[", count: 2_000), limits: YAMLLimits(maximumBytes: 1 << 20, maximumDepth: 5_000)))
        #expect(error.kind == .tooDeep)
    }

    /// Nine levels of ten aliases (10^9 nodes) are refused from the sizes of the anchored copies,
    /// without expanding: at the sequence whose alias crosses the bound.
    @Test func billionLaughsIsRefusedWithoutExpanding() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]\n"
        }
        let start = ContinuousClock.now
        let error = try #require(refusal(text))
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(error.kind == .expansionTooLarge)
        #expect(error.position == at(5, 5))  // `&a4 [*a3, …]`
        #expect(error.message == "the alias `*a3` expands the document beyond its size limit")
    }

    /// Legitimate reuse within the budget is fine.
    @Test func moderateReuseIsRead() throws {
        var text = "a0: &a0 [x, x]\n"
        for level in 1...8 {
            text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n"
        }
        let root = try #require(try parse(text))
        #expect(root["a8"]?.sequence?.count == 2)
    }
}

/// Yams's errors as positioned `SafeYAMLError`s, in one wording.
@Suite struct ErrorMappingTests {
    @Test func syntaxErrorsSayInvalidYAML() throws {
        let error = try #require(refusal("a: [unclosed\nb: x\n"))
        #expect(error.kind == .syntax)
        #expect(error.message.hasPrefix("invalid YAML: "))
        #expect(error.position == at(2, 2))
        #expect(error.help == "while parsing a flow sequence at 1:4")
    }

    @Test func readerErrorsArePositioned() throws {
        let error = try #require(refusal("a: b\nc: \"\u{1}\"\n"))
        #expect(error.kind == .syntax)
        #expect(error.position == at(2, 5))
    }

    /// The repetition of a block key is reported, with the first one in the help.
    @Test func duplicateBlockKeyAtTheRepetition() throws {
        let error = try #require(refusal("p:\n  a: 1\n  b: |\n    a: x\n  a: 2\n"))
        #expect(error.kind == .duplicateKey)
        #expect(error.message == "duplicate key `a`")
        #expect(error.position == at(5, 3))
        #expect(error.help == "the first `a` is at 2:3")
    }

    @Test func duplicateFlowKeyAtTheFirstOccurrence() throws {
        let error = try #require(refusal("p: {a: 1, a: 2}\n"))
        #expect(error.kind == .duplicateKey)
        #expect(error.position == at(1, 5))
    }

    /// Yams compares keys with their types; `1` and `"1"` are the same key to a reader.
    @Test func keysEqualAsTextAreDuplicates() throws {
        let error = try #require(refusal("1: a\n\"1\": b\n"))
        #expect(error.kind == .duplicateKey)
        #expect(error.position == at(2, 1))
        #expect(error.help == "the first `1` is at 1:1")
    }

    /// libyaml adds a line break to a text that lacks one and reports an error found there on a
    /// line the text does not have (found by the template fuzzer); it is the end of the last line.
    @Test(arguments: [
        ("a: 1\nb [\"\"", at(2, 6)),
        ("Conditus-gov- n [\"\", A: {Type: Custom::X}\nConditus-gov- n [\"\"", at(2, 20)),
        ("a: 1\r\nb [\"\"", at(2, 6)),
        ("a: 1\nb [\"\"\n", at(3, 1)),
    ])
    func anErrorAtTheEndOfTheTextIsOnALineItHas(_ text: String, _ position: SourcePosition) throws {
        let error = try #require(refusal(text))
        #expect(error.kind == .syntax)
        #expect(error.message == "invalid YAML: could not find expected ':'")
        #expect(error.position == position)
        #expect(error.help?.hasPrefix("while scanning a simple key at 2:1") == true, "\(error.help ?? "")")
    }

    @Test func secondDocumentIsASyntaxError() throws {
        let error = try #require(refusal("a: 1\n---\nb: 2\n"))
        #expect(error.kind == .syntax)
        #expect(error.position == at(2, 1))
    }

    @Test func diagnosticCarriesTheReadersCode() throws {
        let error = try #require(refusal("a: [\n"))
        let diagnostic = error.diagnostic(code: "reader.yaml")
        #expect(diagnostic.code == "reader.yaml")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.position == error.position)
        #expect(diagnostic.message == error.message)
    }
}
