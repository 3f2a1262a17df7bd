"""Deploys the reference stack (the concrete DashboardStack template the CLI embeds) into moto and
saves what the AWS CLI would print for it: the files `accessgraph audit --snapshot DIR` reads.

    python3 reference_account.py OUT_DIR [--break-sink] [--scp-deny-es] [--customer-key] [--endpoint-url http://127.0.0.1:PORT]

Without --endpoint-url it runs moto in process (`mock_aws`); with it, it deploys into a running
moto server (the live audit's tests, started through moto_server.py). Either way moto_server.py
adds what moto lacks: the identity pool's roles are set with SetIdentityPoolRoles and saved as
GetIdentityPoolRoles returns them. --break-sink deploys the
variant whose pipeline role lacks AmazonOpenSearchServiceFullAccess: the domain policy admits the
account, whose identity policies then must allow, so the sink check fails. --scp-deny-es puts the
account into an organization managed from account 210987654321, in an OU `Workloads` whose SCP
denies `es:ESHttp*`: the sink check fails, and the outputs include the organization's, as the
management account prints them (role `OrganizationAccountAccessRole` there, assumed through STS).
--customer-key encrypts the table and the bucket with one customer managed KMS key whose policy
leaves its use to the account's IAM policies (which do not grant it to the pipeline role).

The template's intrinsics (Ref, Fn::GetAtt, Fn::Join, pseudo parameters) are resolved here with
the physical names CloudFormation would generate; resources are created in dependency order.
Output files are JSON as `aws ... --output json` prints it (dates as ISO 8601), named
`<command>.json`, or `<resource>.<command>.json` for outputs that do not name their resource.
"""
import datetime
import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

import boto3  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "Sources/AccessGraphCLI/Resources/seed-stack/DashboardStack.123456789012-us-east-1.template.json"
ACCOUNT, REGION, PARTITION, STACK = "123456789012", "us-east-1", "aws", "DashboardStack"


def suffix(logical_id, length=12):
    return hashlib.sha256(logical_id.encode()).hexdigest()[:length].upper()


class Stack:
    def __init__(self, template, endpoint):
        self.resources = template["Resources"]
        self.endpoint = endpoint
        self.refs, self.attributes = {}, {}

    def client(self, service):
        return boto3.client(service, region_name=REGION, endpoint_url=self.endpoint)

    def resolve(self, value):
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if not isinstance(value, dict):
            return value
        if set(value) == {"Ref"}:
            name = value["Ref"]
            return {"AWS::AccountId": ACCOUNT, "AWS::Region": REGION, "AWS::Partition": PARTITION,
                    "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": STACK}.get(name) or self.refs[name]
        if set(value) == {"Fn::GetAtt"}:
            logical_id, attribute = value["Fn::GetAtt"]
            return self.attributes[(logical_id, attribute)]
        if set(value) == {"Fn::Join"}:
            separator, items = value["Fn::Join"]
            return separator.join(self.resolve(items))
        return {key: self.resolve(item) for key, item in value.items()}

    def properties(self, logical_id):
        return self.resolve(self.resources[logical_id].get("Properties", {}))

    def of_type(self, resource_type):
        return [key for key, resource in self.resources.items() if resource["Type"] == resource_type]


def deploy(stack, break_sink, customer_key=False):
    iam, ddb, s3 = stack.client("iam"), stack.client("dynamodb"), stack.client("s3")
    key = None
    if customer_key:
        key = stack.client("kms").create_key(Description="Pipeline data", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "AccountIAMPolicies", "Effect": "Allow", "Principal": {"AWS": f"arn:{PARTITION}:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"}]}))["KeyMetadata"]["Arn"]
    idp, identity, search, osis = stack.client("cognito-idp"), stack.client("cognito-identity"), stack.client("opensearch"), stack.client("osis")

    for logical_id in stack.of_type("AWS::Cognito::UserPool"):
        pool = idp.create_user_pool(PoolName=f"{STACK}-{logical_id}")["UserPool"]
        stack.refs[logical_id] = pool["Id"]
        stack.attributes[(logical_id, "ProviderName")] = f"cognito-idp.{REGION}.amazonaws.com/{pool['Id']}"
        stack.attributes[(logical_id, "Arn")] = pool["Arn"]
    for logical_id in stack.of_type("AWS::Cognito::UserPoolClient"):
        properties = stack.properties(logical_id)
        stack.refs[logical_id] = idp.create_user_pool_client(UserPoolId=properties["UserPoolId"], ClientName=logical_id)["UserPoolClient"]["ClientId"]
    for logical_id in stack.of_type("AWS::Cognito::IdentityPool"):
        properties = stack.properties(logical_id)
        pool = identity.create_identity_pool(IdentityPoolName=logical_id, AllowUnauthenticatedIdentities=properties["AllowUnauthenticatedIdentities"],
                                             CognitoIdentityProviders=properties["CognitoIdentityProviders"])
        stack.refs[logical_id] = pool["IdentityPoolId"]

    # Roles first (names are generated), then what names them.
    for logical_id in stack.of_type("AWS::IAM::Role"):
        name = f"{STACK}-{logical_id[:-8][:40]}-{suffix(logical_id)}"
        stack.refs[logical_id] = name
        stack.attributes[(logical_id, "Arn")] = f"arn:{PARTITION}:iam::{ACCOUNT}:role/{name}"
    for logical_id in stack.of_type("AWS::Lambda::Function"):
        stack.attributes[(logical_id, "Arn")] = f"arn:{PARTITION}:lambda:{REGION}:{ACCOUNT}:function:{STACK}-{logical_id[:-8]}-{suffix(logical_id)}"
    for logical_id in stack.of_type("AWS::DynamoDB::Table"):
        properties = stack.properties(logical_id)
        encryption = {"SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}} if key else {}
        table = ddb.create_table(TableName=properties["TableName"], AttributeDefinitions=properties["AttributeDefinitions"], KeySchema=properties["KeySchema"],
                                 BillingMode=properties["BillingMode"], StreamSpecification={"StreamEnabled": True, **properties["StreamSpecification"]},
                                 **encryption)["TableDescription"]
        if properties.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled"):
            ddb.update_continuous_backups(TableName=properties["TableName"], PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        stack.refs[logical_id] = table["TableName"]
        stack.attributes[(logical_id, "Arn")] = table["TableArn"]
        stack.attributes[(logical_id, "StreamArn")] = table["LatestStreamArn"]
    for logical_id in stack.of_type("AWS::S3::Bucket"):
        properties = stack.properties(logical_id)
        name = properties["BucketName"]
        s3.create_bucket(Bucket=name)
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=properties["PublicAccessBlockConfiguration"])
        rules = [{"ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"]} for rule in properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]]
        if key:
            rules = [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
        stack.refs[logical_id] = name
        stack.attributes[(logical_id, "Arn")] = f"arn:{PARTITION}:s3:::{name}"
    for logical_id in stack.of_type("AWS::OpenSearchService::Domain"):
        name = f"zeroetld-{suffix(logical_id, 18).lower()}"
        stack.refs[logical_id] = name
        stack.attributes[(logical_id, "Arn")] = f"arn:{PARTITION}:es:{REGION}:{ACCOUNT}:domain/{name}"
        stack.attributes[(logical_id, "DomainArn")] = stack.attributes[(logical_id, "Arn")]

    for logical_id in stack.of_type("AWS::IAM::Role"):
        properties = stack.properties(logical_id)
        iam.create_role(RoleName=stack.refs[logical_id], AssumeRolePolicyDocument=json.dumps(properties["AssumeRolePolicyDocument"]))
        for arn in properties.get("ManagedPolicyArns", []):
            if break_sink and logical_id.startswith("OpenSearchIngestionRole") and arn.endswith("/AmazonOpenSearchServiceFullAccess"):
                continue
            iam.attach_role_policy(RoleName=stack.refs[logical_id], PolicyArn=arn)
    for logical_id in stack.of_type("AWS::IAM::Policy"):
        properties = stack.properties(logical_id)
        for role in properties.get("Roles", []):
            iam.put_role_policy(RoleName=role, PolicyName=properties["PolicyName"], PolicyDocument=json.dumps(properties["PolicyDocument"]))
    for logical_id in stack.of_type("AWS::S3::BucketPolicy"):
        properties = stack.properties(logical_id)
        s3.put_bucket_policy(Bucket=properties["Bucket"], Policy=json.dumps(properties["PolicyDocument"]))
    for logical_id in stack.of_type("AWS::Cognito::IdentityPoolRoleAttachment"):
        properties = stack.properties(logical_id)
        identity.set_identity_pool_roles(IdentityPoolId=properties["IdentityPoolId"], Roles=properties["Roles"])
    for logical_id in stack.of_type("AWS::OpenSearchService::Domain"):
        properties = stack.properties(logical_id)
        domain = search.create_domain(
            DomainName=stack.refs[logical_id], EngineVersion=properties["EngineVersion"], ClusterConfig=properties["ClusterConfig"],
            EBSOptions=properties["EBSOptions"], CognitoOptions=properties["CognitoOptions"], EncryptionAtRestOptions=properties["EncryptionAtRestOptions"],
            NodeToNodeEncryptionOptions=properties["NodeToNodeEncryptionOptions"], DomainEndpointOptions=properties["DomainEndpointOptions"])["DomainStatus"]
        stack.attributes[(logical_id, "DomainEndpoint")] = domain.get("Endpoint") or f"search-{stack.refs[logical_id]}-{suffix(logical_id, 26).lower()}.{REGION}.es.amazonaws.com"
    # CDK sets the access policy after creation (Custom::OpenSearchAccessPolicy), as here.
    for logical_id in stack.of_type("Custom::OpenSearchAccessPolicy"):
        call = json.loads(stack.properties(logical_id)["Create"])
        policy = json.loads(call["parameters"]["AccessPolicies"])
        search.update_domain_config(DomainName=call["parameters"]["DomainName"], AccessPolicies=json.dumps(policy))
    for logical_id in stack.of_type("AWS::OSIS::Pipeline"):
        properties = stack.properties(logical_id)
        osis.create_pipeline(PipelineName=properties["PipelineName"], MinUnits=properties["MinUnits"], MaxUnits=properties["MaxUnits"],
                             PipelineConfigurationBody=properties["PipelineConfigurationBody"])


MANAGEMENT_ACCOUNT = "210987654321"
MANAGEMENT_ROLE = f"arn:{PARTITION}:iam::{MANAGEMENT_ACCOUNT}:role/OrganizationAccountAccessRole"
DENY_ES_HTTP = {"Version": "2012-10-17", "Statement": [{"Sid": "NoSearchData", "Effect": "Deny", "Action": "es:ESHttp*", "Resource": "*"}]}


def management_client(stack):
    """Organizations as the management account: a session of its role (moto lets STS switch accounts)."""
    keys = stack.client("sts").assume_role(RoleArn=MANAGEMENT_ROLE, RoleSessionName="reference-account")["Credentials"]
    return boto3.client("organizations", region_name=REGION, endpoint_url=stack.endpoint, aws_access_key_id=keys["AccessKeyId"],
                        aws_secret_access_key=keys["SecretAccessKey"], aws_session_token=keys["SessionToken"])


def join_organization(stack):
    """The account joins an organization whose OU `Workloads` denies OpenSearch's HTTP actions."""
    organizations = management_client(stack)
    organizations.create_organization(FeatureSet="ALL")
    root = organizations.list_roots()["Roots"][0]["Id"]
    account = organizations.create_account(Email="workloads@example.com", AccountName="workloads")["CreateAccountStatus"]["AccountId"]
    assert account == ACCOUNT, f"the organization made up account {account}: start moto through moto_server.py"
    unit = organizations.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
    organizations.move_account(AccountId=ACCOUNT, SourceParentId=root, DestinationParentId=unit)
    policy = organizations.create_policy(Name="DenyOpenSearchHTTP", Description="No search data in this OU", Type="SERVICE_CONTROL_POLICY",
                                         Content=json.dumps(DENY_ES_HTTP))["Policy"]["PolicySummary"]["Id"]
    organizations.attach_policy(PolicyId=policy, TargetId=unit)


def dump_organization(stack, directory):
    """What `aws organizations` prints about the account's place and its SCPs and RCPs."""
    organizations = management_client(stack)
    save(directory, "describe-organization.json", organizations.describe_organization())
    child = ACCOUNT
    while True:
        parents = organizations.list_parents(ChildId=child)
        save(directory, f"{child}.list-parents.json", parents)
        if parents["Parents"][0]["Type"] != "ORGANIZATIONAL_UNIT":
            break
        child = parents["Parents"][0]["Id"]
    for policy_type in ("SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"):
        listed = organizations.list_policies(Filter=policy_type)
        save(directory, f"{policy_type}.list-policies.json", listed)
        for policy in listed["Policies"]:
            save(directory, f"{policy['Id']}.describe-policy.json", organizations.describe_policy(PolicyId=policy["Id"]))
            save(directory, f"{policy['Id']}.list-targets-for-policy.json", organizations.list_targets_for_policy(PolicyId=policy["Id"]))


def save(directory, name, response):
    response = {key: value for key, value in response.items() if key != "ResponseMetadata"}
    text = json.dumps(response, indent=4, default=lambda value: value.isoformat() if isinstance(value, datetime.datetime) else str(value))
    (directory / name).write_text(text + "\n")


def dump(stack, directory):
    iam, ddb, s3 = stack.client("iam"), stack.client("dynamodb"), stack.client("s3")
    identity, search, osis = stack.client("cognito-identity"), stack.client("opensearch"), stack.client("osis")
    details = {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
    for page in iam.get_paginator("get_account_authorization_details").paginate():
        for key in details:
            details[key] += page.get(key, [])
    # Only the AWS managed policies the account uses, as the CLI prints with `--filter` left out
    # it would list every one moto loaded.
    used = {policy["PolicyArn"] for role in details["RoleDetailList"] for policy in role["AttachedManagedPolicies"]}
    details["Policies"] = [policy for policy in details["Policies"] if policy["Arn"] in used or ":aws:policy/" not in policy["Arn"]]
    save(directory, "get-account-authorization-details.json", details)
    save(directory, "list-pipelines.json", osis.list_pipelines())
    for pipeline in osis.list_pipelines()["Pipelines"]:
        save(directory, f"{pipeline['PipelineName']}.get-pipeline.json", osis.get_pipeline(PipelineName=pipeline["PipelineName"]))
    names = [domain["DomainName"] for domain in search.list_domain_names()["DomainNames"]]
    save(directory, "describe-domains.json", search.describe_domains(DomainNames=names))
    for table in ddb.list_tables()["TableNames"]:
        save(directory, f"{table}.describe-table.json", ddb.describe_table(TableName=table))
        save(directory, f"{table}.describe-continuous-backups.json", ddb.describe_continuous_backups(TableName=table))
    for bucket in s3.list_buckets()["Buckets"]:
        name = bucket["Name"]
        save(directory, f"{name}.get-bucket-policy.json", s3.get_bucket_policy(Bucket=name))
        save(directory, f"{name}.get-public-access-block.json", s3.get_public_access_block(Bucket=name))
        save(directory, f"{name}.get-bucket-encryption.json", s3.get_bucket_encryption(Bucket=name))
    for pool in identity.list_identity_pools(MaxResults=60)["IdentityPools"]:
        pool_id = pool["IdentityPoolId"]
        save(directory, f"{pool['IdentityPoolName']}.describe-identity-pool.json", identity.describe_identity_pool(IdentityPoolId=pool_id))
        save(directory, f"{pool['IdentityPoolName']}.get-identity-pool-roles.json", identity.get_identity_pool_roles(IdentityPoolId=pool_id))
    kms = stack.client("kms")
    for key in kms.list_keys()["Keys"]:
        save(directory, f"{key['KeyId']}.describe-key.json", kms.describe_key(KeyId=key["KeyId"]))
        save(directory, f"{key['KeyId']}.get-key-policy.json", kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default"))


def run(stack, directory, arguments):
    deploy(stack, "--break-sink" in arguments, "--customer-key" in arguments)
    dump(stack, directory)
    if "--scp-deny-es" in arguments:
        join_organization(stack)
        dump_organization(stack, directory)


def main(arguments):
    directory = Path(arguments[0])
    endpoint = arguments[arguments.index("--endpoint-url") + 1] if "--endpoint-url" in arguments else None
    directory.mkdir(parents=True, exist_ok=True)
    stack = Stack(json.loads(TEMPLATE.read_text()), endpoint)
    if endpoint:
        run(stack, directory, arguments)
        return
    from moto import mock_aws

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from moto_server import adopt_member_accounts, answer_identity_pool_roles

    adopt_member_accounts(ACCOUNT)
    answer_identity_pool_roles()
    with mock_aws():
        run(stack, directory, arguments)


if __name__ == "__main__":
    main(sys.argv[1:])
