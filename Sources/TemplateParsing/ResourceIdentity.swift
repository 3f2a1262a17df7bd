import PolicyModel

/// What `Ref` and `Fn::GetAtt` return for one resource. For the types the analyser cares
/// about these are structured (an ARN with its partition, region, account and name in their own
/// segments) rather than one opaque token, so policies naming a resource by ARN can be matched.
package struct ResourceIdentity: Sendable, Hashable {
    package var ref: String
    package var arn: String?
    /// Attributes with a known shape; any other attribute is `⟦GetAtt.Id.Attribute⟧`.
    package var attributes: [String: String]

    package init(ref: String, arn: String?, attributes: [String: String]) {
        self.ref = ref
        self.arn = arn
        self.attributes = attributes
    }

    /// Builds the identity from the resource's resolved properties.
    static func make(logicalId: String, type: String, properties: TemplateNode, context: TemplateContext) -> ResourceIdentity {
        let label = context.label(of: logicalId)
        let refToken = SymbolToken.resource(label)
        let partition = context.partition ?? SymbolToken.make("AWS.Partition")
        let region = context.region ?? SymbolToken.make("AWS.Region")
        let account = context.account ?? SymbolToken.make("AWS.AccountId")
        let urlSuffix = context.urlSuffix ?? SymbolToken.make("AWS.URLSuffix")

        /// A name property, or the `Ref` token when it is absent (CloudFormation generates one).
        func name(_ key: String) -> String {
            guard let text = properties[key]?.scalarText, !text.isEmpty else { return refToken }
            return text
        }
        /// IAM paths are `/` or `/a/b/`; in an ARN they appear without the leading slash.
        func iamPath() -> String {
            guard let path = properties["Path"]?.stringValue, path.hasPrefix("/") else { return "" }
            return String(path.dropFirst())
        }
        func regional(_ service: String, _ resource: String) -> String {
            "arn:\(partition):\(service):\(region):\(account):\(resource)"
        }
        func iam(_ resource: String) -> String {
            "arn:\(partition):iam::\(account):\(resource)"
        }

        switch type {
        case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::InstanceProfile":
            let (property, kind) = switch type {
            case "AWS::IAM::Role": ("RoleName", "role")
            case "AWS::IAM::User": ("UserName", "user")
            case "AWS::IAM::Group": ("GroupName", "group")
            default: ("InstanceProfileName", "instance-profile")
            }
            let name = name(property)
            return ResourceIdentity(ref: name, arn: iam("\(kind)/\(iamPath())\(name)"), attributes: [:])
        case "AWS::IAM::ManagedPolicy":
            let arn = iam("policy/\(iamPath())\(name("ManagedPolicyName"))")
            return ResourceIdentity(ref: arn, arn: arn, attributes: ["PolicyArn": arn])
        case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable":
            let name = name("TableName")
            let arn = regional("dynamodb", "table/\(name)")
            return ResourceIdentity(ref: name, arn: arn, attributes: [
                "StreamArn": "\(arn)/stream/\(SymbolToken.resource(label, attribute: "StreamArn"))",
            ])
        case "AWS::S3::Bucket":
            let name = name("BucketName")
            return ResourceIdentity(ref: name, arn: "arn:\(partition):s3:::\(name)", attributes: [
                "DomainName": "\(name).s3.\(urlSuffix)",
                "RegionalDomainName": "\(name).s3.\(region).\(urlSuffix)",
            ])
        case "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain":
            let name = name("DomainName")
            let arn = regional("es", "domain/\(name)")
            return ResourceIdentity(ref: name, arn: arn, attributes: ["DomainArn": arn])
        case "AWS::OpenSearchServerless::Collection":
            // `Ref` is the id the service generates; the endpoint is named after it.
            let endpoint = "https://\(refToken).\(region).aoss.\(urlSuffix)"
            return ResourceIdentity(ref: refToken, arn: regional("aoss", "collection/\(refToken)"), attributes: [
                "Id": refToken, "CollectionEndpoint": endpoint, "DashboardEndpoint": "\(endpoint)/_dashboards",
            ])
        case "AWS::KMS::Key":
            let arn = regional("kms", "key/\(refToken)")
            return ResourceIdentity(ref: refToken, arn: arn, attributes: ["KeyId": refToken])
        case "AWS::KMS::Alias":
            return ResourceIdentity(ref: name("AliasName"), arn: nil, attributes: [:])
        case "AWS::OSIS::Pipeline":
            // Ref returns the primary identifier, which for this registry type is the ARN.
            let arn = regional("osis", "pipeline/\(name("PipelineName"))")
            return ResourceIdentity(ref: arn, arn: arn, attributes: ["PipelineArn": arn])
        case "AWS::Logs::LogGroup":
            let name = name("LogGroupName")
            // The `Arn` attribute of a log group ends in `:*`.
            return ResourceIdentity(ref: name, arn: regional("logs", "log-group:\(name):*"), attributes: [:])
        case "AWS::Cognito::IdentityPool":
            return ResourceIdentity(ref: "\(region):\(refToken)", arn: nil, attributes: [:])
        case "AWS::Cognito::UserPool":
            let id = "\(region)_\(refToken)"
            let provider = "cognito-idp.\(region).\(urlSuffix)/\(id)"
            return ResourceIdentity(ref: id, arn: regional("cognito-idp", "userpool/\(id)"), attributes: [
                "UserPoolId": id, "ProviderName": provider, "ProviderURL": "https://\(provider)",
            ])
        case "AWS::Lambda::Function":
            let name = name("FunctionName")
            return ResourceIdentity(ref: name, arn: regional("lambda", "function:\(name)"), attributes: [:])
        case "AWS::SNS::Topic":
            let name = name("TopicName")
            let arn = regional("sns", name)
            return ResourceIdentity(ref: arn, arn: arn, attributes: ["TopicArn": arn, "TopicName": name])
        case "AWS::SQS::Queue":
            let name = name("QueueName")
            let url = "https://sqs.\(region).\(urlSuffix)/\(account)/\(name)"
            return ResourceIdentity(ref: url, arn: regional("sqs", name), attributes: ["QueueName": name, "QueueUrl": url])
        default:
            return ResourceIdentity(ref: refToken, arn: nil, attributes: [:])
        }
    }
}
