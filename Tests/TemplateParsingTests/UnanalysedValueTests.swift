import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// CloudFormation's documentation lets `Outputs`, `Rules` and `Metadata` hold intrinsics that
/// only CloudFormation can evaluate, and a stack holds resources that no check reads. What cannot
/// be resolved there changes nothing analysed: the template loads, with at most a warning at the
/// value's place. In a resource the analysis reads, the same problem stays an error.
@Suite struct UnanalysedValueTests {
    /// The rules of the template anatomy's "Rules" example, in short and long form, with every
    /// rule-specific function; the metadata of `AWS::CloudFormation::Init`, whose `Fn::Sub`
    /// writes shell variables as `${!Name}` and may name what the template does not define.
    static let rulesAndMetadata = """
        Parameters:
          Environment: {Type: String, Default: test}
          InstanceType: {Type: String, Default: a1.medium}
          Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}
          Vpc: {Type: "AWS::EC2::VPC::Id"}
        Rules:
          TestInstanceType:
            RuleCondition: !Equals [!Ref Environment, test]
            Assertions:
              - Assert: !Contains [[a1.medium], !Ref InstanceType]
                AssertDescription: For a test environment, the instance type must be a1.medium
          SubnetsInVpc:
            Assertions:
              - Assert: !EachMemberEquals [!ValueOf [Subnets, VpcId], !Ref Vpc]
              - Assert:
                  Fn::EachMemberIn:
                    - Fn::ValueOfAll: ["AWS::EC2::Subnet::Id", VpcId]
                    - Fn::RefAll: "AWS::EC2::VPC::Id"
        Resources:
          Instance:
            Type: AWS::EC2::Instance
            Metadata:
              AWS::CloudFormation::Init:
                config:
                  files:
                    /etc/motd:
                      content: !Sub "${Greeting} on ${!HOSTNAME} in ${AWS::Region}"
            Properties:
              InstanceType: !Ref InstanceType
        """

    @Test func rulesAndMetadataLoadWithoutWarnings() throws {
        let template = try loadTemplate(Self.rulesAndMetadata)
        #expect(template.warnings.isEmpty, "\(template.warnings)")
        #expect(template.resource("Instance")?.properties["InstanceType"]?.stringValue == "a1.medium")
    }

    static let outputsAndOtherResources = """
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Sub "${Undefined}-alarms"
              Tags:
                - {Key: v, Value: {"Fn::Future": [1]}}
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
              RoleName: !Ref Topic
        Outputs:
          Endpoint:
            Value: !GetAtt Missing.Endpoint
          Third:
            Value: !Select [3, [a, b]]
            Export: {Name: !Sub "${AWS::StackName}-third"}
        """

    @Test func outputsAndResourcesNothingReadsWarnAtTheirPlace() throws {
        let template = try loadTemplate(Self.outputsAndOtherResources, file: "app.yaml")
        #expect(template.warnings.map(\.description) == [
            "app.yaml:5:18: warning[template.unknown-reference]: `Fn::Sub` refers to `Undefined`, which is not a parameter, resource or variable",
            "app.yaml:7:28: warning[template.unknown-intrinsic]: unknown intrinsic function `Fn::Future`",
            "app.yaml:15:12: warning[template.unknown-reference]: `Fn::GetAtt` names `Missing`, which is not a resource",
            "app.yaml:17:21: warning[template.invalid-intrinsic]: index 3 of `Fn::Select` is out of range for a list of 2",
        ])
        // The role that refers to the topic still gets its value: the topic's ARN, named by a token.
        #expect(template.resource("Role")?.properties["RoleName"]?.stringValue?.hasSuffix(":sns:\(SymbolToken.make("AWS.Region")):\(SymbolToken.make("AWS.AccountId")):\(SymbolToken.make("Ref.Topic"))") == true)
    }

    /// The same problem in a role, which the checks read, is an error; the load fails with the
    /// errors alone.
    @Test func inAnAnalysedResourceTheyStayErrors() throws {
        let text = Self.outputsAndOtherResources.replacing("RoleName: !Ref Topic", with: "RoleName: !Sub \"${Undefined}-role\"")
        let error = try #require(loadError(text, file: "app.yaml"))
        #expect(error.diagnostics.map(\.description) == [
            "app.yaml:12:17: error[template.unknown-reference]: `Fn::Sub` refers to `Undefined`, which is not a parameter, resource or variable",
        ])
    }

    /// `AWS::Include` at the level of a section (the transform's documented use) adds content
    /// only CloudFormation can fetch: left out, with a warning, and the rest is read.
    @Test func includesInSectionsAreLeftOutWithAWarning() throws {
        let text = """
            Transform: AWS::Include
            Resources:
              Topic:
                Type: AWS::SNS::Topic
              Fn::Transform:
                Name: AWS::Include
                Parameters:
                  Location: s3://bucket/snippet.yaml
            Outputs:
              Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://bucket/outputs.yaml}}
            """
        let template = try loadTemplate(text, file: "app.yaml")
        #expect(template.resources.map(\.logicalId) == ["Topic"])
        #expect(template.warnings.map(\.description) == [
            "app.yaml:5:3: warning[template.unexpanded-transform]: `Fn::Transform` in `Resources` adds what `AWS::Include` of `s3://bucket/snippet.yaml` makes, which only CloudFormation can read; it is left out of the analysis",
            "app.yaml:10:3: warning[template.unexpanded-transform]: `Fn::Transform` in `Outputs` adds what `AWS::Include` of `s3://bucket/outputs.yaml` makes, which only CloudFormation can read; it is left out of the analysis",
        ])
    }

    /// A role whose condition is false in the given region is not created, so nothing reads it.
    @Test func aResourceLeftOutByItsConditionWarns() throws {
        let text = """
            Conditions:
              InEurope: !Equals [!Ref "AWS::Region", eu-west-1]
            Resources:
              Role:
                Type: AWS::IAM::Role
                Condition: InEurope
                Properties:
                  RoleName: !Select [2, [a, b]]
            """
        let template = try loadTemplate(text, file: "app.yaml", context: TemplateContext(region: "us-east-1"))
        #expect(template.excludedResources == ["Role"])
        #expect(template.warnings.map(\.description) == [
            "app.yaml:8:26: warning[template.invalid-intrinsic]: index 2 of `Fn::Select` is out of range for a list of 2",
        ])
        // Where the condition may hold, the role is read, and the same value is an error.
        #expect(loadError(text, file: "app.yaml")?.diagnostics.map(\.severity) == [.error])
    }

    /// A rule function outside `Rules` is one CloudFormation rejects, named as such.
    @Test func ruleFunctionsOutsideRulesAreNamed() throws {
        let text = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: !ValueOf [Subnets, VpcId]
            """
        let error = try #require(loadError(text, file: "app.yaml"))
        #expect(error.diagnostics.map(\.description) == [
            "app.yaml:5:17: error[template.invalid-intrinsic]: `Fn::ValueOf` is a rule function, usable only in `Rules`",
        ])
        #expect(error.diagnostics.first?.help?.contains("`RuleCondition` and `Assertions`") == true)
    }
}
