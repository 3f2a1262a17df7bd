import Foundation
import TestSupport
import Testing

@Suite struct GraphCommandTests {
    @Test func chainsToTheTableStartAtTheTrustedServices() {
        let run = accessgraph(["graph", "--to", "DynamoDBTable59784FC0", "--action", "dynamodb:ExportTableToPointInTime"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("osis-pipelines.amazonaws.com --can-assume: sts:AssumeRole--> OpenSearchIngestionRoleZeroETLAAE46A77 --can-act: "))
        #expect(run.stdout.hasSuffix("--> DynamoDBTable59784FC0\n"))
        // Dashboards users reach the indexes through the identity pool's authenticated role.
        let indexes = accessgraph(["graph", "--to", "ZeroETLDashboardDemoLC05C24EB /*", "--action", "es:ESHttpGet"])
        #expect(indexes.stdout.contains("cognito-identity.amazonaws.com --can-assume: sts:AssumeRoleWithWebIdentity--> authRoleIdentity9316A68D"))
    }

    @Test func graphFormatsAreWellFormed() throws {
        let json = accessgraph(["graph", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let edges = object?["edges"] as? [[String: Any]] ?? []
        #expect(edges.contains { $0["kind"] as? String == "can-assume" && ($0["from"] as? String) == "osis-pipelines.amazonaws.com" && $0["status"] as? String == "allowed" })
        #expect(edges.allSatisfy { ($0["evidence"] as? [Any]) != nil })
        let dot = accessgraph(["graph", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph accessgraph {\n"))
        #expect(dot.stdout.hasSuffix("}\n"))
        let mermaid = accessgraph(["graph", "--format", "mermaid"])
        #expect(mermaid.stdout.hasPrefix("flowchart LR\n"))
    }

    @Test func anUnknownNodeIsBadInput() {
        let run = accessgraph(["graph", "--to", "NoSuchThing"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[graph.unknown-node]"))
    }

    static let usersTemplate = """
    Resources:
      Orders:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: orders
      PipelineRole:
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Principal: { Service: osis-pipelines.amazonaws.com, AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root" }
                Action: sts:AssumeRole
          Policies:
            - PolicyName: Read
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - { Effect: Allow, Action: "dynamodb:DescribeTable", Resource: !GetAtt Orders.Arn }
      Deployers:
        Type: AWS::IAM::Group
        Properties:
          Policies:
            - PolicyName: Deploy
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: [sts:AssumeRole, iam:PassRole]
                    Resource: !GetAtt PipelineRole.Arn
      Alice:
        Type: AWS::IAM::User
        Properties:
          UserName: alice
          Groups: [!Ref Deployers]
    """

    @Test func usersReachResourcesThroughTheRolesTheyMayAssume() throws {
        let directory = try TemporaryDirectory()
        let template = try directory.write("users.yaml", Self.usersTemplate)
        let run = accessgraph(["graph", "--template", template, "--account", "111122223333", "--partition", "aws",
                                                   "--to", "Orders", "--action", "dynamodb:DescribeTable"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Alice --can-assume: sts:AssumeRole--> PipelineRole --can-act: dynamodb:DescribeTable--> Orders"), "\(run.stdout)")
        #expect(run.stdout.contains("osis-pipelines.amazonaws.com --can-assume: sts:AssumeRole--> PipelineRole"))
        let json = accessgraph(["graph", "--template", template, "--account", "111122223333", "--partition", "aws", "--format", "json"])
        #expect(json.stdout.contains("\"kind\": \"can-pass-role\""))
    }
}
