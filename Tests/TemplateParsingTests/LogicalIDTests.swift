import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// Names CloudFormation would reject ("The logical ID must be alphanumeric (A-Za-z0-9)", at most
/// 255 characters) are errors at their key, in every section whose keys are logical ids.
@Suite struct LogicalIDTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The section holding the bad key.
        var section: String
        /// The key as written in JSON (escapes allowed).
        var key: String
        /// A fragment the message must contain.
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a hyphen in a resource", section: "Resources", key: "My-Bucket", message: "resource logical id `My-Bucket` has characters other than letters A-Z, a-z and digits 0-9"),
        Case(name: "an underscore in a parameter", section: "Parameters", key: "Env_Name", message: "parameter logical id `Env_Name` has characters"),
        Case(name: "a space in an output", section: "Outputs", key: "Bucket Arn", message: "output logical id `Bucket Arn` has characters"),
        Case(name: "a dot in a condition", section: "Conditions", key: "Is.Prod", message: "condition logical id `Is.Prod` has characters"),
        Case(name: "a hyphen in a mapping", section: "Mappings", key: "Region-Map", message: "mapping logical id `Region-Map` has characters"),
        Case(name: "an empty resource name", section: "Resources", key: "", message: "resource logical id is empty"),
        Case(name: "a letter outside ASCII", section: "Resources", key: "B\u{FC}cket", message: "`B\u{FC}cket` has characters"),
        Case(name: "a forged error line", section: "Resources", key: "A\\nfile.json:1:1: error[x]: forged", message: "`A\nfile.json:1:1: error[x]: forged` has characters"),
        Case(name: "256 characters", section: "Resources", key: String(repeating: "A", count: 256),
             message: "`\(String(repeating: "A", count: 64))…` has 256 characters, more than 255"),
        Case(name: "a loop without the transform", section: "Resources", key: "Fn::ForEach::Topics", message: "`Fn::ForEach::Topics` has characters"),
    ]

    /// Line 3, column 5 is where every case writes its key.
    static func template(_ testCase: Case) -> String {
        let value = switch testCase.section {
        case "Parameters": #"{"Type": "String"}"#
        case "Mappings": #"{"us-east-1": {"Ami": "ami-1"}}"#
        case "Conditions": #"{"Fn::Equals": ["a", "b"]}"#
        case "Outputs": #"{"Value": "v"}"#
        default: #"{"Type": "AWS::SNS::Topic"}"#
        }
        let resources = testCase.section == "Resources" ? "" : #",\#n  "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}"#
        return "{\n  \"\(testCase.section)\": {\n    \"\(testCase.key)\": \(value)\n  }\(resources)\n}\n"
    }

    @Test(arguments: cases)
    func anInvalidNameIsAnErrorAtItsKey(_ testCase: Case) throws {
        let error = try #require(loadError(Self.template(testCase), file: "stack.json"))
        let diagnostic = try #require(error.diagnostics.first { $0.code == "template.invalid-logical-id" }, "\(error)")
        #expect(diagnostic.position == at(3, 5))
        #expect(diagnostic.message.contains(testCase.message), "\(diagnostic.message)")
        #expect(diagnostic.help?.hasPrefix("CloudFormation accepts only 1 to 255 letters and digits (A-Za-z0-9) as a logical id") == true)
        #expect(diagnostic.description.hasPrefix("stack.json:3:5: error[template.invalid-logical-id]: "))
        // The printed line stays one line: the forged error is shown escaped, not as a line.
        #expect(!diagnostic.description.contains("\n"))
    }

    @Test func theTransformIsNamedWhenALoopLacksIt() throws {
        let error = try #require(loadError(Self.template(Self.cases[9]), file: "stack.json"))
        #expect(error.diagnostics.first?.help?.hasSuffix("; `Fn::ForEach` loops need `Transform: AWS::LanguageExtensions`") == true)
    }

    /// Letters and digits up to 255 characters, in every section; keys inside a mapping are not
    /// logical ids (`us-east-1`).
    @Test func validNamesLoad() throws {
        let long = String(repeating: "Ab9", count: 85)
        let template = try loadTemplate("""
            Parameters:
              EnvName: {Type: String, Default: prod}
            Mappings:
              RegionMap:
                us-east-1: {Ami: ami-1}
            Conditions:
              IsProd: !Equals [!Ref EnvName, prod]
            Resources:
              \(long):
                Type: AWS::SNS::Topic
              Queue0:
                Type: AWS::SQS::Queue
            Outputs:
              TopicArn:
                Value: !Ref \(long)
            """)
        #expect(long.count == 255)
        #expect(template.resources.map(\.logicalId) == [long, "Queue0"])
    }

    /// `Fn::ForEach::Name` keys are loops, not logical ids, under `AWS::LanguageExtensions`
    /// (given alone or in a list of transforms); in `Parameters` they are still names.
    @Test func loopKeysAreAcceptedUnderTheLanguageExtensions() throws {
        for transform in ["AWS::LanguageExtensions", "[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]"] {
            let template = try loadTemplate("""
                Transform: \(transform)
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                Outputs:
                  Fn::ForEach::Names:
                    - Name
                    - [A, B]
                    - Out${Name}:
                        Value: !Ref Topic
                """)
            #expect(template.resources.map(\.logicalId) == ["Topic"])
        }
        let resourceLoop = try loadTemplate("""
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Topics:
                - Name
                - [A, B]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
            """)
        #expect(resourceLoop.resources.map(\.logicalId) == ["TopicA", "TopicB"])

        let parameter = loadError("""
            Transform: AWS::LanguageExtensions
            Parameters:
              Fn::ForEach::Names: {Type: String}
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)
        #expect(parameter?.diagnostics.map(\.code) == ["template.invalid-logical-id"])
        #expect(parameter?.diagnostics.first?.position == at(3, 3))
    }

    /// Every bad name is reported at once, in file order.
    @Test func everyBadNameIsReported() throws {
        let error = try #require(loadError("""
            Parameters:
              bad-one: {Type: String}
            Resources:
              bad_two:
                Type: AWS::SNS::Topic
              Good:
                Type: AWS::SNS::Topic
            Outputs:
              bad.three:
                Value: x
            """))
        #expect(error.diagnostics.map(\.code) == Array(repeating: "template.invalid-logical-id", count: 3))
        #expect(error.diagnostics.map(\.position.line) == [2, 4, 9])
    }
}
