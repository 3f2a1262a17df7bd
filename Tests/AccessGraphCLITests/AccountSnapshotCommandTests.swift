import Foundation
import TestSupport
import Testing

/// `check --account-snapshot FILE --pipeline FILE`: a deployed account's roles instead of a template.
@Suite struct AccountSnapshotCommandTests {
    // The inline policy is URL-encoded, as the raw IAM API returns documents.
    static let snapshot = """
    {"UserDetailList": [], "GroupDetailList": [],
     "RoleDetailList": [
      {"Path": "/", "RoleName": "PipelineRole", "Arn": "arn:aws:iam::123456789012:role/PipelineRole",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "osis-pipelines.amazonaws.com"},
         "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]},
       "RolePolicyList": [{"PolicyName": "Exports", "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22s3%3AGetObject%22%2C%22s3%3APutObject%22%2C%22s3%3AAbortMultipartUpload%22%2C%22s3%3APutObjectAcl%22%5D%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aexports%2Fddb%2F%2A%22%7D%5D%7D"}],
       "AttachedManagedPolicies": [{"PolicyName": "AmazonDynamoDBFullAccess", "PolicyArn": "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"}]}
     ],
     "Policies": []}
    """
    static let pipeline = """
    version: "2"
    p:
      source:
        dynamodb:
          tables:
            - table_arn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
              export:
                s3_bucket: "exports"
                s3_prefix: "ddb/"
          aws:
            sts_role_arn: "arn:aws:iam::123456789012:role/PipelineRole"
      sink:
        - opensearch:
            hosts: ["https://search-orders-abc123.us-east-1.es.amazonaws.com"]
            aws:
              sts_role_arn: "arn:aws:iam::123456789012:role/PipelineRole"
    """

    @Test func theAccountsRolesAreCheckedAgainstThePipeline() throws {
        let directory = try TemporaryDirectory()
        let snapshot = try directory.write("account.json", Self.snapshot)
        let pipeline = try directory.write("pipeline.yaml", Self.pipeline)
        let run = accessgraph(["check", "--account-snapshot", snapshot, "--pipeline", pipeline])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  ✓ trust.pipeline-role: `PipelineRole` trusts `osis-pipelines.amazonaws.com`"))
        // The account's policies allow the export; what the template would add (the table) is unknown.
        #expect(run.stdout.contains("  ? source.dynamodb.export: table `arn:aws:dynamodb:us-east-1:123456789012:table/orders` is not in the inputs, so whether point-in-time recovery is on is unknown"))
        #expect(run.stdout.contains("  - source.dynamodb.stream: the pipeline exports only"))
        #expect(run.stdout.contains("  ? source.s3.export: whether arn:aws:sts::123456789012:assumed-role/PipelineRole/osis-pipeline may `s3:GetObject` on `arn:aws:s3:::exports/ddb/AWSDynamoDB/01700000000000-abcdef01/data/part-00000.json.gz` is unknown: bucket `exports` is not in the inputs, so its bucket policy is unknown"))
        #expect(run.stdout.contains("`AmazonDynamoDBFullAccess` grants"))
        #expect(!run.stdout.contains("trust.no-source-condition"))
    }

    @Test func aMalformedSnapshotIsBadInput() throws {
        let directory = try TemporaryDirectory()
        let snapshot = try directory.write("account.json", "{\"RoleDetailList\": [{\"RoleName\": 5}]}")
        let run = accessgraph(["check", "--account-snapshot", snapshot])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("\(snapshot):1:34: error[snapshot.invalid]: `RoleName` must be a string"))
    }
}
