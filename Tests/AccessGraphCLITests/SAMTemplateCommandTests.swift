import TestSupport
import Testing

/// SAM templates (`Transform: AWS::Serverless-2016-10-31`) through the commands: their functions'
/// roles are principals, what is not expanded is a warning on stderr, and what SAM refuses is bad
/// input.
@Suite struct SAMTemplateCommandTests {
    static let template = """
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: AWS::Serverless-2016-10-31
    Globals:
      Function:
        Runtime: python3.12
    Resources:
      OrdersTable:
        Type: AWS::Serverless::SimpleTable
        Properties:
          TableName: orders
      ReportFunction:
        Type: AWS::Serverless::Function
        Properties:
          Handler: report.handler
          Policies:
            - DynamoDBReadPolicy:
                TableName: !Ref OrdersTable
          Events:
            Nightly:
              Type: Schedule
              Properties:
                Schedule: rate(1 day)
    """

    static let environment = ["--account", "123456789012", "--region", "eu-west-1"]

    @Test func aFunctionsRoleReachesWhatItsPolicyTemplateGrants() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("template.yaml", Self.template)
        let read = accessgraph(["graph", "--template", file, "--to", "OrdersTable", "--action", "dynamodb:Query"] + Self.environment)
        #expect(read.status == 0, "\(read.output)")
        #expect(read.stdout == "lambda.amazonaws.com --can-assume: sts:AssumeRole--> ReportFunctionRole --can-act: dynamodb:Query--> OrdersTable\n")
        #expect(read.stderr == "\(file):19:9: warning[template.sam-not-expanded]: event `Nightly` (`Schedule`) of `ReportFunction` is not expanded: "
            + "the resources and permissions SAM creates for it are not in the analysis\n")
        let write = accessgraph(["graph", "--template", file, "--to", "OrdersTable", "--action", "dynamodb:PutItem"] + Self.environment)
        #expect(write.status == 0)
        #expect(write.stdout == "no principal of the stack reaches it\n", "DynamoDBReadPolicy does not write")
    }

    /// Warnings leave the report and the exit code alone: the checks are skipped without a pipeline.
    @Test func checkWarnsOnStderrAndExitsAsItWould() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("template.yaml", Self.template)
        let run = accessgraph(["check", "--template", file, "--format", "json"] + Self.environment)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.hasPrefix("{"))
        #expect(run.stderr.hasPrefix("\(file):19:9: warning[template.sam-not-expanded]: event `Nightly`"))
    }

    @Test func whatSAMRefusesIsBadInput() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("template.yaml", Self.template.replacingOccurrences(of: "TableName: !Ref OrdersTable", with: "Table: !Ref OrdersTable"))
        let run = accessgraph(["check", "--template", file] + Self.environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(file):16:11: error[template.sam-invalid]: policy template `DynamoDBReadPolicy` in `ReportFunction` needs `TableName`, which SAM requires"))
    }
}
