import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// A hand-written YAML template using every short-form tag, with positions checked.
struct YAMLTemplateTests {
    static let yaml = """
    AWSTemplateFormatVersion: "2010-09-09"
    Parameters:
      Stage: {Type: String, Default: prod}
    Mappings:
      Sizes: {prod: {Units: 4}}
    Conditions:
      IsProd: !Equals [!Ref Stage, prod]
      NotProd: !Not [!Condition IsProd]
      Both: !And [!Condition IsProd, !Equals [a, a]]
      Any: !Or [!Condition NotProd, !Equals [!Ref "AWS::Region", us-east-1]]
    Resources:
      Key:
        Type: AWS::KMS::Key
        Properties:
          KeyPolicy:
            Version: 2012-10-17
            Statement:
              - Effect: Allow
                Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
                Action: "kms:*"
                Resource: "*"
      Queue:
        Type: Custom::Queue
        Condition: Both
        Properties:
          Ref: !Ref Key
          Arn: !GetAtt Key.Arn
          ArnList: !GetAtt [Key, Arn]
          Sub: !Sub "${Stage}-${Key}"
          Join: !Join ["-", [!Ref Stage, !Select [1, !Split [",", "x,y"]]]]
          If: !If [IsProd, !Base64 "ab", !ImportValue other]
          Map: !FindInMap [Sizes, !Ref Stage, Units]
          Zones: !GetAZs ""
          Import: !ImportValue
            Fn::Sub: "${Stage}-vpc"
          Literal: |
            line one
            line ${two}
          Version: 2012-10-17
          Account: 0123456789
          Number: 42
          Flag: true
          Empty:
          Quoted: "true"
    """

    @Test func shortFormsResolve() throws {
        let template = try loadTemplate(Self.yaml, file: "stack.yaml", context: concreteContext)
        let queue = try #require(template.resource("Queue"))
        let properties = queue.properties
        let keyId = token("Ref.Key")
        let keyArn = "arn:aws:kms:us-east-1:123456789012:key/\(keyId)"
        #expect(properties["Ref"]?.stringValue == keyId)
        #expect(properties["Arn"]?.stringValue == keyArn)
        #expect(properties["ArnList"]?.stringValue == keyArn)
        #expect(properties["Sub"]?.stringValue == "prod-\(keyId)")
        #expect(properties["Join"]?.stringValue == "prod-y")
        #expect(properties["If"]?.stringValue == "YWI=")
        #expect(properties["Map"]?.value == .number("4"))
        #expect(properties["Zones"]?.jsonText() == #"["\#(token("GetAZs.us-east-1"))"]"#)
        #expect(properties["Import"]?.stringValue == token("ImportValue.prod-vpc"))
        #expect(properties["Literal"]?.stringValue == "line one\nline ${two}\n")
        // Scalars are typed as CloudFormation does: dates and leading zeros stay strings.
        #expect(properties["Version"]?.value == .string("2012-10-17"))
        #expect(properties["Account"]?.value == .string("0123456789"))
        #expect(properties["Number"]?.value == .number("42"))
        #expect(properties["Flag"]?.value == .bool(true))
        #expect(properties["Empty"]?.value == .null)
        #expect(properties["Quoted"]?.value == .string("true"))
        #expect(!queue.conditionUnknown)

        let key = try KMSKeyResource(try #require(template.resource("Key")))
        #expect(key.arn == keyArn)
        #expect(key.keyPolicy?.principalValues == ["arn:aws:iam::123456789012:root"])
        #expect(key.keyPolicy?.version == .v2012_10_17)
        #expect(key.enabled)
    }

    @Test func positionsPointIntoTheYAML() throws {
        let template = try loadTemplate(Self.yaml, file: "stack.yaml")
        let queue = try #require(template.resource("Queue"))
        #expect(queue.position == at(22, 3))
        #expect(queue.properties.member("Ref")?.keyPosition == at(26, 7))
        #expect(queue.properties["Ref"]?.position == at(26, 12))
        #expect(queue.properties["Sub"]?.position == at(29, 12))
        let key = try KMSKeyResource(try #require(template.resource("Key")))
        let statement = try #require(key.keyPolicy?.statements.first)
        #expect(statement.position == at(18, 13))
        #expect(statement.action.patterns.first?.position == at(20, 21))
    }

    /// The seed stack's JSON is also YAML; read either way it gives the same resources.
    @Test func jsonReadAsYAMLMatches() throws {
        // A leading comment makes the loader take the YAML path.
        let viaYAML = try loadTemplate("# yaml\n" + SeedStack.File.agnosticTemplate.text, file: "a.yaml")
        let viaJSON = try loadTemplate(SeedStack.File.agnosticTemplate.text, file: "a.json")
        #expect(viaYAML.resources.map(\.logicalId) == viaJSON.resources.map(\.logicalId))
        for (left, right) in zip(viaYAML.resources, viaJSON.resources) {
            #expect(left.properties.jsonText() == right.properties.jsonText(), "\(left.logicalId)")
            #expect(left.position.line == right.position.line + 1)
        }
    }

    /// Short forms and plain scalars full of `*` and `?` read as before in a template that also
    /// uses anchors and aliases (where the alias-key check is active).
    @Test func shortFormsAndPlainScalarsNextToAliases() throws {
        let yaml = """
        Parameters:
          Stage: {Type: String, Default: &stage prod}
        Conditions:
          IsProd: !Equals [!Ref Stage, *stage]
        Resources:
          Key: {Type: AWS::KMS::Key}
          Rule:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: cron(0 12 * * ? *)
              Description: a * b ? c & d
              Name: !Sub "${Stage}-rule"
              Ref: !Ref Key
              Arn: !GetAtt Key.Arn
              Choice: !If [IsProd, *stage, other]
        """
        let template = try loadTemplate(yaml, context: concreteContext)
        let properties = try #require(template.resource("Rule")).properties
        #expect(properties["ScheduleExpression"]?.stringValue == "cron(0 12 * * ? *)")
        #expect(properties["Description"]?.stringValue == "a * b ? c & d")
        #expect(properties["Name"]?.stringValue == "prod-rule")
        #expect(properties["Ref"]?.stringValue == token("Ref.Key"))
        #expect(properties["Arn"]?.stringValue == "arn:aws:kms:us-east-1:123456789012:key/\(token("Ref.Key"))")
        #expect(properties["Choice"]?.stringValue == "prod")
    }

    @Test func anchorsAndAliasesWithinBudget() throws {
        let yaml = """
        Resources:
          A:
            Type: Custom::A
            Properties: &props
              Tags: [x, y]
          B:
            Type: Custom::B
            Properties: *props
        """
        let template = try loadTemplate(yaml)
        #expect(template.resource("B")?.properties.jsonText() == #"{"Tags":["x","y"]}"#)
    }
}
