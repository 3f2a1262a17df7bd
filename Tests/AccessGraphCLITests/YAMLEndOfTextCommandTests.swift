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
