import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// Each intrinsic, in YAML short form inside a small template, resolved without and with a
/// deployment context.
struct IntrinsicTests {
    /// A template whose resource `Thing` has one property, `Value: <expression>`.
    static func template(_ expression: String) -> String {
        """
        Parameters:
          Env:
            Type: String
            Default: prod
          Subnets:
            Type: CommaDelimitedList
            Default: "a, b,c"
          NoDefault:
            Type: String
          Zones:
            Type: List<AWS::EC2::AvailabilityZone::Name>
          Version:
            Type: AWS::SSM::Parameter::Value<String>
            Default: /cdk-bootstrap/version
        Mappings:
          RegionMap:
            us-east-1:
              Ami: ami-1
              Zones: [a, b]
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsDev: !Not [!Condition IsProd]
          InUSEast1: !Equals [!Ref "AWS::Region", us-east-1]
          ProdInUSEast1: !And [!Condition IsProd, !Condition InUSEast1]
          DevOrUSEast1: !Or [!Condition IsDev, !Condition InUSEast1]
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              Path: /service/
              AssumeRolePolicyDocument: {Version: 2012-10-17, Statement: []}
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: orders
          Other:
            Type: Custom::Other
          Secret:
            Type: AWS::SecretsManager::Secret
          Directory:
            Type: AWS::DirectoryService::MicrosoftAD
          Ingestion:
            Type: AWS::OSIS::Pipeline
          Thing:
            Type: Custom::Thing
            Properties:
              Value: \(expression)
        """
    }

    static func value(_ expression: String, context: TemplateContext = .unknown) throws -> TemplateResource {
        try #require(try loadTemplate(template(expression), context: context).resource("Thing"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var expression: String
        /// The resolved value as JSON, without and with `concreteContext`.
        var symbolic: String
        var concrete: String
        var testDescription: String { expression }

        init(_ expression: String, _ symbolic: String, _ concrete: String? = nil) {
            self.expression = expression
            self.symbolic = symbolic
            self.concrete = concrete ?? symbolic
        }
    }

    static let p = token("AWS.Partition")
    static let a = token("AWS.AccountId")
    static let r = token("AWS.Region")

    static let cases: [Case] = [
        // Ref: parameters, pseudo parameters, resources.
        Case("!Ref Env", #""prod""#),
        Case("!Ref Subnets", #"["a","b","c"]"#),
        Case("!Ref NoDefault", #""\#(token("Ref.NoDefault"))""#),
        // An SSM parameter's default names the SSM parameter, not its value.
        Case("!Ref Version", #""\#(token("Ref.Version"))""#),
        Case(#"!Ref "AWS::AccountId""#, #""\#(a)""#, #""123456789012""#),
        Case(#"!Ref "AWS::URLSuffix""#, #""\#(token("AWS.URLSuffix"))""#, #""amazonaws.com""#),
        Case(#"!Ref "AWS::StackId""#, #""\#(token("AWS.StackId"))""#),
        Case("!Ref Role", #""\#(token("Ref.Role"))""#),
        Case("!Ref Table", #""orders""#),
        Case("!Ref Other", #""\#(token("Ref.Other"))""#),
        Case("{A: 1, B: !Ref \"AWS::NoValue\", C: [x, !Ref \"AWS::NoValue\"]}", #"{"A":1,"C":["x"]}"#),
        // GetAtt: structured ARNs for known types, tokens otherwise.
        Case("!GetAtt Role.Arn", #""arn:\#(p):iam::\#(a):role/service/\#(token("Ref.Role"))""#,
             #""arn:aws:iam::123456789012:role/service/\#(token("Ref.Role"))""#),
        Case("!GetAtt Role.RoleId", #""\#(token("GetAtt.Role.RoleId"))""#),
        Case("!GetAtt [Table, StreamArn]", #""arn:\#(p):dynamodb:\#(r):\#(a):table/orders/stream/\#(token("GetAtt.Table.StreamArn"))""#,
             #""arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/\#(token("GetAtt.Table.StreamArn"))""#),
        Case("!GetAtt Other.Endpoint.Address", #""\#(token("GetAtt.Other.Endpoint.Address"))""#),
        Case("!GetAtt [Other, !Ref Env]", #""\#(token("GetAtt.Other.prod"))""#),
        // Sub: pseudo parameters, attributes, literals, variables.
        Case(#"!Sub "${AWS::Region}-x""#, #""\#(r)-x""#, #""us-east-1-x""#),
        Case(#"!Sub "${Table.Arn}""#, #""arn:\#(p):dynamodb:\#(r):\#(a):table/orders""#,
             #""arn:aws:dynamodb:us-east-1:123456789012:table/orders""#),
        Case(#"!Sub "${!Literal}-${Env}-${Role}""#, #""${Literal}-prod-\#(token("Ref.Role"))""#),
        Case(#"!Sub ["${A}/${AWS::Partition}", {A: !Ref Env}]"#, #""prod/\#(p)""#, #""prod/aws""#),
        Case(#"!Sub "arn:${AWS::Partition}:s3:::${!aws:username}/*""#, #""arn:\#(p):s3:::${aws:username}/*""#, #""arn:aws:s3:::${aws:username}/*""#),
        // Non-ASCII text around references, `$` not followed by `{`, and an unclosed `${` kept as text.
        Case(#"!Sub "é$${Env}€${Env}$""#, #""é$prod€prod$""#),
        Case(#"!Sub "${Env}-${Unclosed""#, #""prod-${Unclosed""#),
        // Join, Select, Split.
        Case(#"!Join [":", [a, !Ref Env, 1, !Ref "AWS::NoValue"]]"#, #""a:prod:1""#),
        Case(#"!Join [",", !Ref Subnets]"#, #""a,b,c""#),
        Case(#"!Select [1, !Split [",", "x,y,z"]]"#, #""y""#),
        Case(#"!Select ["2", !Ref Subnets]"#, #""c""#),
        Case(#"!Split ["/", !GetAtt Role.Arn]"#, #"["arn:\#(p):iam::\#(a):role","service","\#(token("Ref.Role"))"]"#,
             #"["arn:aws:iam::123456789012:role","service","\#(token("Ref.Role"))"]"#),
        Case(#"!Select [0, !GetAZs ""]"#, #""\#(token("Select.0.GetAZs.AWS.Region"))""#, #""\#(token("Select.0.GetAZs.us-east-1"))""#),
        Case(#"!GetAZs eu-west-1"#, #"["\#(token("GetAZs.eu-west-1"))"]"#),
        // Over lists the template cannot know, the index (or delimiter) is kept in the token:
        // list attributes, a list parameter without a value, a mapping entry picked by an
        // unknown key, and splits of values that may hold the delimiter (a secret's `Ref` is its
        // ARN, as is `AWS::StackId`), as CDK writes for `secret.secretName`.
        Case("!Select [0, !GetAtt Ingestion.IngestEndpointUrls]", #""\#(token("Select.0.GetAtt.Ingestion.IngestEndpointUrls"))""#),
        Case("!Select [1, !GetAtt Directory.DnsIpAddresses]", #""\#(token("Select.1.GetAtt.Directory.DnsIpAddresses"))""#),
        Case(#"!Join [",", !GetAtt Directory.DnsIpAddresses]"#, #""\#(token("Join.2c.GetAtt.Directory.DnsIpAddresses"))""#),
        Case(#"!Join ["", !Ref Zones]"#, #""\#(token("Join.empty.Ref.Zones"))""#),
        Case("!Select [2, !Ref Zones]", #""\#(token("Select.2.Ref.Zones"))""#),
        Case("!Select [!Ref NoDefault, !Ref Zones]", #""\#(token("Select.Ref.NoDefault.Ref.Zones"))""#),
        Case("!Ref Zones", #"["\#(token("Ref.Zones"))"]"#),
        Case(#"!Select [6, !Split [":", !Ref Secret]]"#, #""\#(token("Select.6.Split.3a.Ref.Secret"))""#),
        Case(#"!Select [0, !Split ["-", !Select [6, !Split [":", !Ref Secret]]]]"#,
             #""\#(token("Select.0.Split.2d.Select.6.Split.3a.Ref.Secret"))""#),
        Case(#"!Select [2, !Split ["/", !Ref "AWS::StackId"]]"#, #""\#(token("Select.2.Split.2f.AWS.StackId"))""#),
        Case(#"!Select [1, !FindInMap [RegionMap, !Ref "AWS::Region", Zones]]"#,
             #""\#(token("Select.1.FindInMap.RegionMap.AWS.Region.Zones"))""#, #""b""#),
        // A split of text with tokens keeps the items it knows; past them, the index is kept.
        Case(#"!Select [1, !Split ["/", !GetAtt Role.Arn]]"#, #""service""#),
        Case(#"!Select [3, !Split ["/", !GetAtt Role.Arn]]"#,
             #""\#(token("Select.3.Split.2f.arn.AWS.Partition.iam.AWS.AccountId.role_service_Ref.Role"))""#,
             #""\#(token("Select.3.Split.2f.arn.aws.iam.123456789012.role_service_Ref.Role"))""#),
        Case(#"!Join ["/", !Split ["/", !GetAtt Role.Arn]]"#, #""arn:\#(p):iam::\#(a):role/service/\#(token("Ref.Role"))""#,
             #""arn:aws:iam::123456789012:role/service/\#(token("Ref.Role"))""#),
        Case(#"{"Fn::Length": {Ref: Zones}}"#, #""\#(token("Length.Ref.Zones"))""#),
        Case(#"{"Fn::Length": !GetAtt Directory.DnsIpAddresses}"#, #""\#(token("Length.GetAtt.Directory.DnsIpAddresses"))""#),
        Case(#"{"Fn::Length": {Ref: Subnets}}"#, "3"),
        Case("!Length [!Ref Zones]", "1"),
        Case(#"{"Fn::ToJsonString": {Ref: Zones}}"#, #""\#(token("ToJsonString.Ref.Zones"))""#),
        Case("!ToJsonString [a, {B: 1}]", #""[\"a\",{\"B\":1}]""#),
        // If with the template's conditions.
        Case("!If [IsProd, on, off]", #""on""#),
        Case("!If [IsDev, on, off]", #""off""#),
        Case("!If [ProdInUSEast1, on, off]", #""on""#, #""on""#),
        Case("!If [DevOrUSEast1, on, off]", #""on""#, #""on""#),
        Case("!If [IsDev, on, !Ref \"AWS::NoValue\"]", "null"),
        // FindInMap, ImportValue, Base64, condition functions as values.
        Case("!FindInMap [RegionMap, us-east-1, Ami]", #""ami-1""#),
        Case("!FindInMap [RegionMap, us-east-1, Zones]", #"["a","b"]"#),
        Case(#"!FindInMap [RegionMap, !Ref "AWS::Region", Ami]"#, #""\#(token("FindInMap.RegionMap.AWS.Region.Ami"))""#, #""ami-1""#),
        Case("!ImportValue shared-vpc", #""\#(token("ImportValue.shared-vpc"))""#),
        Case(#"!ImportValue {"Fn::Sub": "${Env}:vpc/id"}"#, #""\#(token("ImportValue.prod.vpc_id"))""#),
        Case("!Base64 hello", #""aGVsbG8=""#),
        Case(#"!Base64 {Ref: "AWS::Region"}"#, #""\#(token("Base64.\(SymbolToken.stableHash(r))"))""#, #""dXMtZWFzdC0x""#),
        Case("!Equals [a, a]", "true"),
        Case("!Length [a, b, c]", "3"),
        Case("!ToJsonString {A: !Ref Env}", #""{\"A\":\"prod\"}""#),
    ]

    @Test(arguments: cases)
    func resolves(_ testCase: Case) throws {
        let symbolic = try Self.value(testCase.expression)
        #expect(symbolic.properties["Value"]?.jsonText() ?? "null" == testCase.symbolic)
        let concrete = try Self.value(testCase.expression, context: concreteContext)
        #expect(concrete.properties["Value"]?.jsonText() ?? "null" == testCase.concrete)
    }

    /// An `Fn::If` on a condition the context cannot decide takes the true branch and says so.
    @Test func undecidedConditionIsRecorded() throws {
        let symbolic = try Self.value("!If [InUSEast1, east, elsewhere]")
        #expect(symbolic.properties["Value"]?.stringValue == "east")
        #expect(symbolic.assumedConditions == ["InUSEast1"])
        #expect(symbolic.dependsOnUnknownCondition)
        let west = try Self.value("!If [InUSEast1, east, elsewhere]", context: TemplateContext(region: "us-west-2"))
        #expect(west.properties["Value"]?.stringValue == "elsewhere")
        #expect(west.assumedConditions.isEmpty)
    }

    /// Supplied parameter values override defaults and flip conditions.
    @Test func suppliedParameters() throws {
        let context = TemplateContext(parameters: ["Env": "dev", "Version": "6"])
        #expect(try Self.value("!If [IsDev, on, off]", context: context).properties["Value"]?.stringValue == "on")
        #expect(try Self.value("!Ref Version", context: context).properties["Value"]?.stringValue == "6")
    }

    @Test func stackNameAndPartitionFromContext() throws {
        let context = TemplateContext(partition: "aws-cn", stackName: "Dash")
        let resource = try Self.value(#"!Sub "${AWS::StackName}.${AWS::URLSuffix}""#, context: context)
        #expect(resource.properties["Value"]?.stringValue == "Dash.amazonaws.com.cn")
    }

    /// Without `--partition`, the partition follows from the region; a given one wins.
    @Test(arguments: [
        ("us-east-1", "aws", "amazonaws.com"), ("cn-north-1", "aws-cn", "amazonaws.com.cn"),
        ("us-gov-west-1", "aws-us-gov", "amazonaws.com"), ("eu-west-3", "aws", "amazonaws.com"),
    ])
    func partitionFollowsFromTheRegion(region: String, partition: String, suffix: String) throws {
        let resource = try Self.value(#"!Sub "${AWS::Partition} ${AWS::URLSuffix}""#, context: TemplateContext(region: region))
        #expect(resource.properties["Value"]?.stringValue == "\(partition) \(suffix)")
        var given = TemplateContext(region: region, partition: "aws-iso")
        #expect(given.partition == "aws-iso")
        given.partition = nil
        #expect(given.partition == partition)
        #expect(TemplateContext().partition == nil)
    }

    /// The same intrinsics in JSON long form.
    @Test func longFormJSON() throws {
        let json = """
        {
          "Parameters": {"Env": {"Type": "String", "Default": "prod"}},
          "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
          "Resources": {
            "Bucket": {"Type": "AWS::S3::Bucket"},
            "Thing": {
              "Type": "Custom::Thing",
              "Properties": {
                "Join": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::", {"Ref": "Bucket"}, "/*"]]},
                "Sub": {"Fn::Sub": ["${B}-${AWS::AccountId}", {"B": {"Fn::GetAtt": ["Bucket", "Arn"]}}]},
                "If": {"Fn::If": ["IsProd", {"Fn::Select": [0, ["p"]]}, "d"]},
                "GetAttString": {"Fn::GetAtt": "Bucket.Arn"}
              }
            }
          }
        }
        """
        let template = try loadTemplate(json, file: "t.json", context: concreteContext)
        let thing = try #require(template.resource("Thing"))
        let bucketName = token("Ref.Bucket")
        #expect(thing.properties["Join"]?.stringValue == "arn:aws:s3:::\(bucketName)/*")
        #expect(thing.properties["Sub"]?.stringValue == "arn:aws:s3:::\(bucketName)-123456789012")
        #expect(thing.properties["If"]?.stringValue == "p")
        #expect(thing.properties["GetAttString"]?.stringValue == "arn:aws:s3:::\(bucketName)")
        // Resolved values keep the position of the intrinsic.
        #expect(thing.properties["Join"]?.position == at(9, 17))
        #expect(thing.properties.member("Join")?.keyPosition == at(9, 9))
    }

    @Test func tokenScheme() {
        #expect(SymbolToken.make("AWS::Region") == token("AWS.Region"))
        #expect(SymbolToken.make("Ref.a:b/c*d?e\"f") == token("Ref.a.b_c_d_e_f"))
        #expect(SymbolToken.make("ImportValue.\(token("AWS.StackName"))-Vpc") == token("ImportValue.AWS.StackName-Vpc"))
        let text = "arn:\(token("AWS.Partition")):iam::\(token("AWS.AccountId")):role/x"
        #expect(SymbolToken.tokens(in: text) == [token("AWS.Partition"), token("AWS.AccountId")])
        #expect(SymbolToken.containsToken(text))
        #expect(!SymbolToken.containsToken("arn:aws:iam::1:role/x"))
        #expect(SymbolToken.body(of: token("Ref.X")) == "Ref.X")
        #expect(SymbolToken.body(of: "x\(token("Ref.X"))") == nil)
        // Long bodies are cut to 128 scalars, ending in a hash of the whole body.
        let long = SymbolToken.make("Ref." + String(repeating: "x", count: 300))
        #expect(long.unicodeScalars.count == 130)
        #expect(long != SymbolToken.make("Ref." + String(repeating: "x", count: 301)))
        for body in ["AWS::Region", "Ref.a:b/c*d?e\"f", String(repeating: "é:*", count: 100)] {
            let made = SymbolToken.make(body)
            #expect(!made.contains(where: { ":*?/\"".contains($0) }))
        }
    }

    /// Splitting never cuts a token, even when its body holds the delimiter.
    @Test func splitKeepsTokensWhole() {
        #expect(TemplateResolver.split("a.\(token("Ref.X")).b", by: ".") == ["a", token("Ref.X"), "b"])
        #expect(TemplateResolver.split("", by: ",") == [""])
    }
}

extension IntrinsicTests {
    /// A template cannot write a token itself to pass a literal off as another resource's value.
    @Test func literalTokensAreNeutralized() throws {
        let spoof = token("Ref.Role")
        for (text, file) in [
            ("Resources:\n  Role: {Type: Custom::R}\n  X: {Type: Custom::X, Properties: {V: \"\(spoof)\", W: !Ref Role}}\n", "t.yaml"),
            (#"{"Resources": {"Role": {"Type": "Custom::R"}, "X": {"Type": "Custom::X", "Properties": {"V": "\#(spoof)", "W": {"Ref": "Role"}}}}}"#, "t.json"),
        ] {
            let x = try #require(try loadTemplate(text, file: file).resource("X"))
            #expect(x.properties["V"]?.stringValue == "[Ref.Role]")
            #expect(x.properties["W"]?.stringValue == spoof)
        }
    }
}
