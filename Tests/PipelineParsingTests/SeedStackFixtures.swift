/// Verbatim copies of `../shared/fixtures/seed-stack/pipeline.<tag>.yaml` (see that folder's
/// README), so the tests run from a clean clone. `SeedStackFixtureTests` checks they still match
/// the shared files when those are present.
enum SeedStackFixtures {
    static let concreteFileName = "pipeline.123456789012-us-east-1.yaml"
    static let agnosticFileName = "pipeline.agnostic.yaml"

    // swiftformat:disable all
    static let concrete = #"""
version: "2"
dynamodb-pipeline:
  source:
    dynamodb:
      acknowledgments: true
      tables:
        # REQUIRED: Supply the DynamoDB table ARN and whether export or stream processing is needed, or both
        - table_arn: "{{GetAtt:DynamoDBTable59784FC0.Arn}}"
          # Remove the stream block if only export is needed
          stream:
            start_position: "LATEST"
          # Remove the export block if only stream is needed
          export:
            # REQUIRED for export: Specify the name of an existing S3 bucket for DynamoDB to write export data files to
            s3_bucket: "{{Ref:OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB}}"
            # Specify the region of the S3 bucket
            s3_region: "us-east-1"
            # Optionally set the name of a prefix that DynamoDB export data files are written to in the bucket.
            s3_prefix: "ddb-to-opensearch-export/"
      aws:
        # REQUIRED: Provide the role to assume that has the necessary permissions to DynamoDB, OpenSearch, and S3.
        sts_role_arn: "{{GetAtt:OpenSearchIngestionRoleZeroETLAAE46A77.Arn}}"
        # Provide the region to use for aws credentials
        region: "us-east-1"
  sink:
    - opensearch:
        # REQUIRED: Provide an AWS OpenSearch endpoint
        hosts:
          [
            "https://{{GetAtt:ZeroETLDashboardDemoLC05C24EB.DomainEndpoint}}"
          ]
        index: "table-index"
        index_type: custom
        document_id: "${getMetadata(\"primary_key\")}"
        action: "${getMetadata(\"opensearch_action\")}"
        document_version: "${getMetadata(\"document_version\")}"
        document_version_type: "external"
        aws:
          # REQUIRED: Provide a Role ARN with access to the domain. This role should have a trust relationship with osis-pipelines.amazonaws.com
          sts_role_arn: "{{GetAtt:OpenSearchIngestionRoleZeroETLAAE46A77.Arn}}"
          # Provide the region of the domain.
          region: "us-east-1"
         

"""#

    static let agnostic = #"""
version: "2"
dynamodb-pipeline:
  source:
    dynamodb:
      acknowledgments: true
      tables:
        # REQUIRED: Supply the DynamoDB table ARN and whether export or stream processing is needed, or both
        - table_arn: "{{GetAtt:DynamoDBTable59784FC0.Arn}}"
          # Remove the stream block if only export is needed
          stream:
            start_position: "LATEST"
          # Remove the export block if only stream is needed
          export:
            # REQUIRED for export: Specify the name of an existing S3 bucket for DynamoDB to write export data files to
            s3_bucket: "{{Ref:OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB}}"
            # Specify the region of the S3 bucket
            s3_region: "{{Ref:AWS::Region}}"
            # Optionally set the name of a prefix that DynamoDB export data files are written to in the bucket.
            s3_prefix: "ddb-to-opensearch-export/"
      aws:
        # REQUIRED: Provide the role to assume that has the necessary permissions to DynamoDB, OpenSearch, and S3.
        sts_role_arn: "{{GetAtt:OpenSearchIngestionRoleZeroETLAAE46A77.Arn}}"
        # Provide the region to use for aws credentials
        region: "{{Ref:AWS::Region}}"
  sink:
    - opensearch:
        # REQUIRED: Provide an AWS OpenSearch endpoint
        hosts:
          [
            "https://{{GetAtt:ZeroETLDashboardDemoLC05C24EB.DomainEndpoint}}"
          ]
        index: "table-index"
        index_type: custom
        document_id: "${getMetadata(\"primary_key\")}"
        action: "${getMetadata(\"opensearch_action\")}"
        document_version: "${getMetadata(\"document_version\")}"
        document_version_type: "external"
        aws:
          # REQUIRED: Provide a Role ARN with access to the domain. This role should have a trust relationship with osis-pipelines.amazonaws.com
          sts_role_arn: "{{GetAtt:OpenSearchIngestionRoleZeroETLAAE46A77.Arn}}"
          # Provide the region of the domain.
          region: "{{Ref:AWS::Region}}"
         

"""#
    // swiftformat:enable all
}
