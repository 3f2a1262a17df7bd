import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// `Transform: AWS::Serverless-2016-10-31`: serverless resources read as the CloudFormation SAM
/// generates (SAM developer guide, "Generated AWS CloudFormation resources"), from templates
/// written as `sam init` writes them.
@Suite struct SAMTransformTests {
    /// An orders service as SAM's templates are written: `Globals`, short-form tags, policy
    /// templates, managed policy names and ARNs, an inline document, a simple table.
    static let orders = """
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: AWS::Serverless-2016-10-31
    Description: Orders service

    Globals:
      Function:
        Runtime: python3.12
        Timeout: 10
        Tracing: Active

    Parameters:
      Stage:
        Type: String
        Default: prod

    Resources:
      OrdersTable:
        Type: AWS::Serverless::SimpleTable
        Properties:
          TableName: !Sub orders-${Stage}
          PrimaryKey:
            Name: orderId
            Type: String

      ProcessOrderFunction:
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: src/
          Handler: app.handler
          Policies:
            - DynamoDBCrudPolicy:
                TableName: !Ref OrdersTable
            - S3ReadPolicy:
                BucketName: !Ref ArchiveBucket
            - AmazonSQSReadOnlyAccess
            - arn:aws:iam::aws:policy/AWSLambdaExecute
            - Statement:
                - Effect: Allow
                  Action: ssm:GetParameter
                  Resource: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/orders/*
          Events:
            Create:
              Type: Api
              Properties:
                Path: /orders
                Method: post

      ArchiveBucket:
        Type: AWS::S3::Bucket
    """

    static let account = "123456789012"

    @Test func aFunctionBecomesALambdaFunctionAndItsRole() throws {
        let template = try loadTemplate(Self.orders, file: "template.yaml", context: concreteContext)
        let function = try #require(template.resource("ProcessOrderFunction"))
        #expect(function.type == "AWS::Lambda::Function")
        #expect(function.properties["Role"]?.stringValue == "arn:aws:iam::123456789012:role/" + token("Ref.ProcessOrderFunctionRole"))
        #expect(function.properties["Runtime"]?.stringValue == "python3.12", "Globals apply")

        let role = try IAMRoleResource(try #require(template.resource("ProcessOrderFunctionRole")))
        #expect(role.position == at(25, 3), "the role is placed at the function")
        #expect(role.trustPolicy.principalValues == ["lambda.amazonaws.com"])
        #expect(role.trustPolicy.actionTexts == ["sts:AssumeRole"])
        #expect(role.managedPolicyArns.map(\.value) == [
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
            "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess",
            "arn:aws:iam::aws:policy/AWSLambdaExecute",
        ])
        // Inline policies keep the index of their entry in `Policies`, as SAM names them.
        #expect(role.inlinePolicies.map(\.name) == [
            "ProcessOrderFunctionRolePolicy0", "ProcessOrderFunctionRolePolicy1", "ProcessOrderFunctionRolePolicy4",
        ])
        let crud = role.inlinePolicies[0].document
        #expect(crud.actionTexts.contains("dynamodb:ConditionCheckItem"))
        #expect(crud.resourceTexts == [
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod",
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod/index/*",
        ])
        #expect(crud.statements.first?.position == at(31, 11), "an expanded template points at its entry")
        #expect(role.inlinePolicies[1].document.resourceTexts == [
            "arn:aws:s3:::" + token("Ref.ArchiveBucket"), "arn:aws:s3:::" + token("Ref.ArchiveBucket") + "/*",
        ])
        #expect(role.inlinePolicies[2].document.resourceTexts == ["arn:aws:ssm:us-east-1:123456789012:parameter/orders/*"])
        #expect(role.inlinePolicies[2].document.statements.first?.position == at(38, 15))
    }

    @Test func aSimpleTableBecomesATable() throws {
        let template = try loadTemplate(Self.orders, file: "template.yaml", context: concreteContext)
        let table = try DynamoDBTableResource(try #require(template.resource("OrdersTable")))
        #expect(table.arn == "arn:aws:dynamodb:us-east-1:123456789012:table/orders-prod")
        #expect(table.streamViewType == nil)
        #expect(table.pointInTimeRecoveryEnabled == false)
        let properties = try #require(template.resource("OrdersTable")).properties
        #expect(properties["KeySchema"]?.jsonText() == #"[{"AttributeName":"orderId","KeyType":"HASH"}]"#)
        #expect(properties["AttributeDefinitions"]?.jsonText() == #"[{"AttributeName":"orderId","AttributeType":"S"}]"#)
        #expect(properties["BillingMode"]?.stringValue == "PAY_PER_REQUEST")
    }

    @Test func whatIsNotExpandedIsAWarningAtItsPosition() throws {
        let template = try loadTemplate(Self.orders, file: "template.yaml", context: concreteContext)
        #expect(template.warnings.map(\.description) == [
            "template.yaml:42:9: warning[template.sam-not-expanded]: event `Create` (`Api`) of `ProcessOrderFunction` is not expanded: "
                + "the resources and permissions SAM creates for it are not in the analysis",
        ])
    }

    /// Without the transform the types are CloudFormation's unknown ones, read as written.
    @Test func withoutTheTransformNothingIsExpanded() throws {
        let text = Self.orders.replacingOccurrences(of: "Transform: AWS::Serverless-2016-10-31\n", with: "")
        let template = try loadTemplate(text, file: "template.yaml", context: concreteContext)
        #expect(template.resource("ProcessOrderFunction")?.type == "AWS::Serverless::Function")
        #expect(template.resource("ProcessOrderFunctionRole") == nil)
        #expect(template.warnings.isEmpty)
    }

    /// Without an environment the ARNs SAM writes stay symbolic in the partition.
    @Test func managedPolicyARNsFollowThePartition() throws {
        let template = try loadTemplate(Self.orders, file: "template.yaml")
        let role = try IAMRoleResource(try #require(template.resource("ProcessOrderFunctionRole")))
        #expect(role.managedPolicyArns.first?.value == "arn:\(token("AWS.Partition")):iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    }

    @Test func aNamedRoleIsUsedAndItsPoliciesWarned() throws {
        let text = """
        Transform: [AWS::Serverless-2016-10-31]
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: nodejs20.x
              Role: !GetAtt WorkerRole.Arn
              Policies: AmazonS3ReadOnlyAccess
          WorkerRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
        """
        let template = try loadTemplate(text, context: concreteContext)
        #expect(template.resource("Worker")?.properties["Role"]?.stringValue == "arn:aws:iam::123456789012:role/" + token("Ref.WorkerRole"))
        #expect(template.resources.map(\.logicalId) == ["Worker", "WorkerRole"])
        #expect(template.warnings.map(\.description) == [
            "t.yaml:9:7: warning[template.sam-not-expanded]: `Policies` of `Worker` is not applied: the function names its `Role`, so SAM creates no role to attach them to",
        ])
    }

    /// `Fn::If` around a document names each branch; around managed policies it is kept whole.
    /// A stream event adds its execution role and an event source mapping; a dead-letter queue
    /// its policy, first.
    @Test func conditionalPoliciesStreamEventsAndDeadLetterQueues() throws {
        let text = """
        Transform: AWS::Serverless-2016-10-31
        Conditions:
          IsProd: !Equals [!Ref "AWS::Region", us-east-1]
        Resources:
          Queue: {Type: AWS::SQS::Queue}
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              StreamSpecification: {StreamViewType: NEW_IMAGE}
          Indexer:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Queue.Arn}
              Policies:
                - !If
                  - IsProd
                  - DynamoDBReadPolicy: {TableName: !Ref Table}
                  - !Ref AWS::NoValue
                - !If [IsProd, AmazonS3ReadOnlyAccess, !Ref AWS::NoValue]
              Events:
                Changes:
                  Type: DynamoDB
                  Properties:
                    Stream: !GetAtt Table.StreamArn
                    StartingPosition: LATEST
        """
        let template = try loadTemplate(text, context: concreteContext)
        let role = try IAMRoleResource(try #require(template.resource("IndexerRole")))
        #expect(role.inlinePolicies.map(\.name) == ["DeadLetterQueuePolicy", "IndexerRolePolicy0"])
        #expect(role.inlinePolicies[0].document.actionTexts == ["sqs:SendMessage"])
        #expect(role.inlinePolicies[1].document.actionTexts.contains("dynamodb:GetItem"))
        // The region is us-east-1, so both conditions hold.
        #expect(role.managedPolicyArns.map(\.value) == [
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "AmazonS3ReadOnlyAccess",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
        ], "SAM converts names inside `Fn::If` no more than it does")
        let mapping = try #require(template.resource("IndexerChanges"))
        #expect(mapping.type == "AWS::Lambda::EventSourceMapping")
        #expect(mapping.properties["FunctionName"]?.stringValue == token("Ref.Indexer"))
        #expect(template.warnings.isEmpty)
    }

    /// A policy this copy of SAM's templates does not know stays in the role as a policy whose
    /// statements are unknown, and a warning names it; SAM's own refusals are errors.
    @Test func unknownPoliciesAreWarnedAndRefusalsAreErrors() throws {
        let text = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.b
              Runtime: python3.12
              Policies:
                - FuturePolicyTemplate: {Name: x}
                - NoSuchManagedPolicyName
        """
        let template = try loadTemplate(text, context: concreteContext)
        let role = try IAMRoleResource(try #require(template.resource("FnRole")))
        #expect(role.managedPolicyArns.map(\.value).dropFirst() == [token("SAM.Fn.Policies.0"), "NoSuchManagedPolicyName"])
        #expect(template.warnings.map(\.description) == [
            "t.yaml:9:11: warning[template.sam-not-expanded]: policy 0 of `Fn` is not expanded: `FuturePolicyTemplate` is not one of SAM's policy templates "
                + "as of the copy AccessGraph embeds; the role takes part as holding a policy whose statements are unknown",
            "t.yaml:10:11: warning[template.sam-not-expanded]: `NoSuchManagedPolicyName` is neither a managed policy ARN nor the name of an AWS managed policy; SAM passes it on as written",
        ])

        let missing = text.replacingOccurrences(of: "FuturePolicyTemplate: {Name: x}", with: "DynamoDBCrudPolicy: {Table: x}")
        #expect(loadError(missing)?.description
            == "t.yaml:9:11: error[template.sam-invalid]: policy template `DynamoDBCrudPolicy` in `Fn` needs `TableName`, which SAM requires")
        let taken = text + "\n  FnRole: {Type: AWS::SNS::Topic}"
        #expect(loadError(taken)?.description
            == "t.yaml:3:3: error[template.sam-invalid]: the SAM transform of `Fn` creates a resource `FnRole`, but the template already has a resource of that id")
    }

    @Test func otherServerlessTypesAreKeptAndWarned() throws {
        let text = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Flow:
            Type: AWS::Serverless::HttpApi
            Properties: {StageName: prod}
          Api:
            Type: AWS::Serverless::Api
            Properties: {StageName: prod, Name: orders}
        """
        let template = try loadTemplate(text)
        #expect(template.resource("Flow")?.type == "AWS::Serverless::HttpApi")
        #expect(template.resource("Api")?.type == "AWS::ApiGateway::RestApi")
        #expect(template.warnings.map(\.description) == [
            "t.yaml:3:3: warning[template.sam-not-expanded]: `AWS::Serverless::HttpApi` `Flow` is not expanded: the resources and permissions SAM creates for it are not in the analysis",
            "t.yaml:6:3: warning[template.sam-not-expanded]: `AWS::Serverless::Api` `Api` is read as its `AWS::ApiGateway::RestApi`; its deployment, stage and `Auth` (authorizers, resource policy) are not expanded",
        ])
    }

    /// A state machine's role is built as a function's: Step Functions' trust, its `Policies`.
    @Test func aStateMachineBecomesItsStateMachineAndRole() throws {
        let text = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Orders: {Type: AWS::DynamoDB::Table, Properties: {TableName: orders}}
          Flow:
            Type: AWS::Serverless::StateMachine
            Properties:
              Name: order-flow
              DefinitionUri: flow.asl.json
              Policies:
                - DynamoDBWritePolicy: {TableName: !Ref Orders}
                - AWSXrayWriteOnlyAccess
              Events:
                Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
        """
        let template = try loadTemplate(text, context: concreteContext)
        let machine = try #require(template.resource("Flow"))
        #expect(machine.type == "AWS::StepFunctions::StateMachine")
        #expect(machine.properties["RoleArn"]?.stringValue == "arn:aws:iam::123456789012:role/" + token("Ref.FlowRole"))
        #expect(machine.properties["StateMachineName"]?.stringValue == "order-flow")
        let role = try IAMRoleResource(try #require(template.resource("FlowRole")))
        #expect(role.trustPolicy.principalValues == ["states.amazonaws.com"])
        #expect(role.managedPolicyArns.map(\.value) == ["arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"])
        #expect(role.inlinePolicies.map(\.name) == ["FlowRolePolicy0"])
        #expect(role.inlinePolicies.first?.document.resourceTexts.first == "arn:aws:dynamodb:us-east-1:123456789012:table/orders")
        #expect(template.warnings.map(\.description) == [
            "t.yaml:12:7: warning[template.sam-not-expanded]: `Events` of `Flow` is not expanded: the resources and permissions SAM creates for it are not in the analysis",
        ])
    }

    @Test func globalsMergeAsSAMMergesThem() {
        let global = TemplateNode(.map([
            TemplateMember(key: "Environment", keyPosition: .unknown, value: TemplateNode(.map([
                TemplateMember(key: "Variables", keyPosition: .unknown, value: TemplateNode(.map([
                    TemplateMember(key: "A", keyPosition: .unknown, value: TemplateNode(.string("global"))),
                    TemplateMember(key: "B", keyPosition: .unknown, value: TemplateNode(.string("global"))),
                ]))),
            ]))),
            TemplateMember(key: "Layers", keyPosition: .unknown, value: TemplateNode(.list([TemplateNode(.string("g"))]))),
            TemplateMember(key: "Timeout", keyPosition: .unknown, value: TemplateNode(.number("3"))),
        ]))
        let local = TemplateNode(.map([
            TemplateMember(key: "Environment", keyPosition: .unknown, value: TemplateNode(.map([
                TemplateMember(key: "Variables", keyPosition: .unknown, value: TemplateNode(.map([
                    TemplateMember(key: "B", keyPosition: .unknown, value: TemplateNode(.string("local"))),
                ]))),
            ]))),
            TemplateMember(key: "Layers", keyPosition: .unknown, value: TemplateNode(.list([TemplateNode(.string("l"))]))),
            TemplateMember(key: "Timeout", keyPosition: .unknown, value: TemplateNode(.number("30"))),
        ]))
        #expect(SAMTransform.merge(global: global, local: local).jsonText()
            == #"{"Environment":{"Variables":{"A":"global","B":"local"}},"Layers":["g","l"],"Timeout":30}"#)
    }

    /// Every template of SAM's file expands, with a value for each parameter, into a document the
    /// policy reader accepts, named after its entry.
    @Test func everyEmbeddedPolicyTemplateExpands() throws {
        let templates = try SAMPolicyTemplates.embedded()
        #expect(templates.names.count == 81)
        var text = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Policies:\n"
        for name in templates.names {
            let parameters = templates.template(named: name)?.parameters ?? []
            text += "        - \(name): {\(parameters.map { "\($0): value-\($0)" }.joined(separator: ", "))}\n"
        }
        let template = try loadTemplate(text, context: concreteContext)
        let role = try IAMRoleResource(try #require(template.resource("FnRole")))
        #expect(role.inlinePolicies.count == templates.names.count)
        #expect(role.inlinePolicies.last?.name == "FnRolePolicy80")
        #expect(role.inlinePolicies.allSatisfy { !$0.document.statements.isEmpty })
        #expect(template.warnings.isEmpty)
        let crud = try #require(role.inlinePolicies.first { $0.document.actionTexts.contains("dynamodb:ConditionCheckItem") })
        #expect(crud.document.resourceTexts.first == "arn:aws:dynamodb:us-east-1:123456789012:table/value-TableName")
        #expect(templates.template(named: "DynamoDBCrudPolicy")?.parameters == ["TableName"])
    }
}
