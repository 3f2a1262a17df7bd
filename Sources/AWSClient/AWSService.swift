/// An AWS service the audit calls, as its model (botocore's `service-2.json` metadata) names it:
/// the SDK service id (which `AWS_ENDPOINT_URL_<ID>` uses), the endpoint prefix, the signing name,
/// the protocol, and for JSON services the target prefix.
package struct AWSService: Sendable, Hashable {
    package enum WireProtocol: Sendable, Hashable {
        case query(version: String)
        case json(version: String, targetPrefix: String)
        case restJSON
        case restXML
    }

    package var id: String
    package var endpointPrefix: String
    package var signingName: String
    package var wireProtocol: WireProtocol
    /// Services with one endpoint for the partition (IAM), signed for us-east-1 in `aws`.
    package var isGlobal = false

    package static let iam = AWSService(id: "IAM", endpointPrefix: "iam", signingName: "iam", wireProtocol: .query(version: "2010-05-08"), isGlobal: true)
    package static let sts = AWSService(id: "STS", endpointPrefix: "sts", signingName: "sts", wireProtocol: .query(version: "2011-06-15"))
    package static let osis = AWSService(id: "OSIS", endpointPrefix: "osis", signingName: "osis", wireProtocol: .restJSON)
    package static let openSearch = AWSService(id: "OpenSearch", endpointPrefix: "es", signingName: "es", wireProtocol: .restJSON)
    package static let dynamoDB = AWSService(id: "DynamoDB", endpointPrefix: "dynamodb", signingName: "dynamodb",
                                             wireProtocol: .json(version: "1.0", targetPrefix: "DynamoDB_20120810"))
    package static let cognitoIdentity = AWSService(id: "Cognito Identity", endpointPrefix: "cognito-identity", signingName: "cognito-identity",
                                                    wireProtocol: .json(version: "1.1", targetPrefix: "AWSCognitoIdentityService"))
    package static let kms = AWSService(id: "KMS", endpointPrefix: "kms", signingName: "kms", wireProtocol: .json(version: "1.1", targetPrefix: "TrentService"))
    package static let s3 = AWSService(id: "S3", endpointPrefix: "s3", signingName: "s3", wireProtocol: .restXML)
}
