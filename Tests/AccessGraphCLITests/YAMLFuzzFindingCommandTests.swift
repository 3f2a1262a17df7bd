import Foundation
import TestSupport
import Testing

/// Found by the template fuzzer: a YAML template or pipeline that ends without a line break and
/// breaks off mid-construct was reported on a line the file does not have (libyaml adds the break).
@Suite struct YAMLEndOfTextCommandTests {
    static let text = "Conditus-gov- n [\"\", A: {Type: Custom::X}\nConditus-gov- n [\"\""

    @Test(arguments: [("--template", "template.invalid-yaml"), ("--pipeline", "pipeline.yaml-syntax")])
    func theErrorIsAtTheEndOfTheLastLine(_ option: String, _ code: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("input.yaml", Self.text)
        let run = accessgraph(["check", option, file])
        #expect(run.status == 2)
        #expect(run.stderr == """
            \(file):2:20: error[\(code)]: invalid YAML: could not find expected ':'
              help: while scanning a simple key at 2:1

            """)
    }
}

/// Found by the template fuzzer: a flow collection opened on one line and closed on a later one
/// before a `:` crashed the YAML pre-scan of templates and pipelines alike.
@Suite struct YAMLMultilineFlowKeyCommandTests {
    static let text = """
    ConditioResources:
      ns:
      A: !Not [!Condition A:
        Type: Cus,om: B] :
    B !Not [!Condition A]
    Resources:
      R: {Type: Custom::X}:X

    """

    @Test(arguments: [("--template", "template.invalid-yaml"), ("--pipeline", "pipeline.yaml-syntax")])
    func isASyntaxErrorNotACrash(_ option: String, _ code: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("input.yaml", Self.text)
        let run = accessgraph(["check", option, file])
        #expect(run.status == 2)
        #expect(run.stderr == """
            \(file):4:9: error[\(code)]: invalid YAML: did not find expected ',' or ']'
              help: while parsing a flow sequence at 3:11

            """)
    }
}
