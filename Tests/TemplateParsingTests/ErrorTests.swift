import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// Every error code, with the position it points at.
struct ErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var code: String
        var line: Int
        var column: Int
        /// A fragment the message must contain.
        var message: String
        var testDescription: String { name }

        /// The error's first diagnostic is this case's: code, file, position and message.
        func expectFirst(of error: DiagnosticError, in file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let diagnostic = try #require(error.diagnostics.first, sourceLocation: sourceLocation)
            #expect(diagnostic.code == code, sourceLocation: sourceLocation)
            #expect(diagnostic.position == SourcePosition(line: line, column: column), "\(diagnostic)", sourceLocation: sourceLocation)
            #expect(diagnostic.message.contains(message), "\(diagnostic.message)", sourceLocation: sourceLocation)
            #expect(diagnostic.description.hasPrefix("\(file):\(line):\(column): error[\(code)]: "), sourceLocation: sourceLocation)
        }
    }

    static let cases: [Case] = [
        Case(name: "unknown intrinsic (JSON)", text: """
            {
              "Resources": {
                "A": {
                  "Type": "Custom::X",
                  "Properties": { "V": { "Fn::Foo": 1 } }
                }
              }
            }
            """, code: "template.unknown-intrinsic", line: 5, column: 30, message: "unknown intrinsic function `Fn::Foo`"),
        Case(name: "Ref to a missing resource (YAML)", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !Ref Missing
            """, code: "template.unknown-reference", line: 5, column: 10, message: "`Ref` to `Missing`"),
        Case(name: "Ref to a missing resource in an untaken branch", text: """
            Conditions:
              No: !Equals [a, b]
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !If [No, !Ref Missing, x]
            """, code: "template.unknown-reference", line: 7, column: 19, message: "`Ref` to `Missing`"),
        Case(name: "GetAtt of a missing resource", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: {"Fn::GetAtt": [Missing, Arn]}
            """, code: "template.unknown-reference", line: 5, column: 25, message: "`Fn::GetAtt` names `Missing`"),
        Case(name: "Sub naming a missing resource", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !Sub "${Missing.Arn}"
            """, code: "template.unknown-reference", line: 5, column: 10, message: "`Fn::Sub` refers to `Missing.Arn`"),
        Case(name: "DependsOn a missing resource", text: """
            Resources:
              A:
                Type: Custom::X
                DependsOn: Missing
            """, code: "template.unknown-reference", line: 2, column: 3, message: "`DependsOn` of resource `A` names `Missing`"),
        Case(name: "malformed YAML", text: """
            Resources:
              A: [unclosed
              B: x
            """, code: "template.invalid-yaml", line: 3, column: 4, message: "invalid YAML"),
        Case(name: "malformed JSON", text: """
            {"Resources": }
            """, code: "json.unexpected-character", line: 1, column: 15, message: "expected a value"),
        Case(name: "circular reference", text: """
            Resources:
              A:
                Type: Custom::X
                Properties: {Peer: !Ref B}
              B:
                Type: Custom::X
                Properties: {Peer: !GetAtt A.Arn}
            """, code: "template.circular-reference", line: 7, column: 24, message: "`A` -> `B` -> `A`"),
        Case(name: "self reference", text: """
            Resources:
              A:
                Type: Custom::X
                Properties: {Self: !Sub "${A}"}
            """, code: "template.circular-reference", line: 4, column: 24, message: "`A` -> `A`"),
        Case(name: "circular conditions", text: """
            Conditions:
              A: !Not [!Condition B]
              B: !Not [!Condition A]
            Resources:
              R: {Type: Custom::X}
            """, code: "template.circular-reference", line: 3, column: 12, message: "`A` -> `B` -> `A`"),
        Case(name: "Fn::If naming an unknown condition", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !If [Nowhere, a, b]
            """, code: "template.unknown-condition", line: 5, column: 15, message: "`Fn::If` names condition `Nowhere`"),
        Case(name: "resource Condition naming an unknown condition", text: """
            Resources:
              A:
                Type: Custom::X
                Condition: Nowhere
            """, code: "template.unknown-condition", line: 4, column: 16, message: "condition `Nowhere`"),
        Case(name: "not an object (JSON)", text: "[1, 2]", code: "template.not-an-object", line: 1, column: 1, message: "found list"),
        Case(name: "not an object (YAML)", text: "- a\n- b\n", code: "template.not-an-object", line: 1, column: 1, message: "found list"),
        Case(name: "empty YAML", text: "# nothing\n", code: "template.empty", line: 1, column: 1, message: "empty"),
        Case(name: "no Resources", text: "{\n  \"Parameters\": {}\n}", code: "template.missing-resources", line: 1, column: 1, message: "no `Resources`"),
        Case(name: "Resources not an object", text: "Resources: [a]", code: "template.invalid-section", line: 1, column: 12, message: "`Resources` must be an object"),
        Case(name: "resource without a Type", text: "Resources:\n  A: {Properties: {}}\n", code: "template.invalid-resource", line: 2, column: 3, message: "needs a string `Type`"),
        Case(name: "Join with one argument", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: {"Fn::Join": [","]}
            """, code: "template.invalid-intrinsic", line: 5, column: 11, message: "`Fn::Join` takes a list"),
        Case(name: "Join of a map", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !Join [",", [a, {b: c}]]
            """, code: "template.invalid-intrinsic", line: 5, column: 26, message: "must be strings, found object"),
        Case(name: "Select out of range", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !Select [3, [a, b]]
            """, code: "template.invalid-intrinsic", line: 5, column: 19, message: "index 3 of `Fn::Select` is out of range for a list of 2"),
        Case(name: "Ref of a list", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: {Ref: [a]}
            """, code: "template.invalid-intrinsic", line: 5, column: 16, message: "`Ref` takes a logical id"),
        Case(name: "FindInMap of an unknown mapping", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !FindInMap [Nope, a, b]
            """, code: "template.unknown-mapping", line: 5, column: 22, message: "mapping `Nope`"),
        Case(name: "FindInMap of a missing key", text: """
            Mappings:
              M: {a: {b: 1}}
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !FindInMap [M, a, c]
            """, code: "template.unknown-mapping-key", line: 7, column: 25, message: "mapping `M` has no entry `a`.`c`"),
        Case(name: "invalid condition", text: """
            Conditions:
              C: !Join ["", [a]]
            Resources:
              A: {Type: Custom::X}
            """, code: "template.invalid-condition", line: 2, column: 6, message: "`Fn::Join` cannot be used as a condition"),
        Case(name: "unknown YAML tag", text: """
            Resources:
              A:
                Type: Custom::X
                Properties:
                  V: !Foo bar
            """, code: "template.unknown-tag", line: 5, column: 10, message: "unknown YAML tag `!Foo`"),
        Case(name: "duplicate YAML key", text: """
            Resources:
              A: {Type: Custom::X}
              A: {Type: Custom::Y}
            """, code: "template.duplicate-key", line: 3, column: 3, message: "duplicate key `A`"),  // the repetition
        Case(name: "duplicate JSON key", text: #"{"Resources": {"A": {"Type": "X"}, "A": {"Type": "Y"}}}"#,
             code: "json.duplicate-key", line: 1, column: 36, message: "duplicate member `A`"),
        Case(name: "non-scalar YAML key", text: "Resources:\n  [a]: x\n", code: "template.invalid-key", line: 2, column: 3, message: "mapping keys must be strings"),
        Case(name: "alias used as a key", text: "x: &a k\nResources:\n  *a : {Type: Custom::X}\n",
             code: "template.unsupported-yaml", line: 3, column: 3, message: "aliases inside mapping keys"),
        Case(name: "parameter and resource share a name", text: """
            Parameters:
              A: {Type: String}
            Resources:
              A: {Type: Custom::X}
            """, code: "template.duplicate-name", line: 4, column: 3, message: "both a parameter and a resource"),
    ]

    @Test(arguments: cases)
    func reportsCodeAndPosition(_ testCase: Case) throws {
        let error = try #require(loadError(testCase.text, file: "bad.yaml"))
        try testCase.expectFirst(of: error, in: "bad.yaml")
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.file == "bad.yaml")
        #expect(diagnostic.severity == .error)
        // Messages follow the project style: lowercase start, no final period.
        #expect(diagnostic.message.first?.isUppercase == false)
        #expect(diagnostic.message.last != ".")
    }

    /// All problems are reported at once, in file order, each once.
    @Test func reportsEveryProblem() throws {
        let yaml = """
        Resources:
          A:
            Type: Custom::X
            Properties:
              One: !Ref Missing
              Two: {"Fn::Bar": 1}
              Three: !If [Nowhere, a, b]
        """
        let error = try #require(loadError(yaml))
        #expect(error.diagnostics.map(\.code) == ["template.unknown-reference", "template.unknown-intrinsic", "template.unknown-condition"])
        #expect(error.diagnostics.map(\.position.line) == [5, 6, 7])
    }

    @Test func invalidUTF8InYAML() throws {
        let bytes = Array("Resources:\n  A: ".utf8) + [0xFF, 0x0A]
        let error = try #require(loadError(bytes: bytes))
        #expect(error.diagnostics.first?.code == "template.invalid-utf8")
        #expect(error.diagnostics.first?.position == at(2, 6))
    }

    /// A policy error inside a template points at the template line.
    @Test func policyErrorsPointIntoTheTemplate() throws {
        let yaml = """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: allow
                    Principal: {Service: lambda.amazonaws.com}
                    Action: sts:AssumeRole
        """
        let template = try loadTemplate(yaml, file: "role.yaml")
        let role = try #require(template.resource("Role"))
        let error = try #require(viewError(IAMRoleResource.self, role))
        #expect(error.diagnostics.map(\.code) == ["policy.invalid-effect"])
        #expect(error.diagnostics.first?.position == at(8, 21))
        #expect(error.diagnostics.first?.file == "role.yaml")
    }

    @Test func missingRequiredPropertyAndWrongType() throws {
        let yaml = """
        Resources:
          Role: {Type: AWS::IAM::Role, Properties: {ManagedPolicyArns: [{a: b}]}}
          Bucket: {Type: AWS::S3::Bucket}
        """
        let template = try loadTemplate(yaml, file: "v.yaml")
        let roleResource = try #require(template.resource("Role"))
        let role = try #require(viewError(IAMRoleResource.self, roleResource))
        #expect(role.diagnostics.map(\.code) == ["template.missing-property", "template.invalid-property"])
        #expect(role.diagnostics.map(\.position) == [at(2, 3), at(2, 65)])
        let bucketResource = try #require(template.resource("Bucket"))
        let bucket = try #require(viewError(IAMRoleResource.self, bucketResource))
        #expect(bucket.diagnostics.first?.code == "template.wrong-resource-type")
        #expect(bucket.diagnostics.first?.description.hasPrefix("v.yaml:3:3: error[template.wrong-resource-type]") == true)
        // The template-wide reader collects the errors of every role.
        #expect(throws: DiagnosticError.self) { try template.views(IAMRoleResource.self) }
    }
}
