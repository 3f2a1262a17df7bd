import PolicyEvaluation
import PolicyModel

/// One request a stack must be able to make (or must be refused), with why and where AWS
/// documents it. The pipeline checks, the over-privilege finding, the access graph and the
/// policy generator all read these; nothing else lists what the pipeline needs.
package struct RequiredRequest: Sendable, Hashable {
    /// The part of the stack the request serves; each pipeline check covers one.
    package enum Area: String, Sendable, Hashable, CaseIterable {
        case trust, dynamoDBExport, dynamoDBStream, s3Export, sink, dashboards
        /// Creating and updating the pipeline (the deployer's requests); no check covers it.
        case deployment
        /// What a team's assertions file says must (or must not) be allowed; no check covers it.
        case assertion
    }

    /// Who makes the request.
    package enum Caller: Sendable, Hashable, CustomStringConvertible {
        /// A session of a role the configuration names.
        case roleSession(roleARN: String, sessionName: String)
        /// An IAM user of the inventory, by ARN.
        case user(arn: String)
        /// A service principal, such as `osis-pipelines.amazonaws.com`.
        case service(String)
        /// A web-identity provider, such as `cognito-identity.amazonaws.com`.
        case webIdentity(String)

        package var description: String {
            switch self {
            case .roleSession(let roleARN, _): roleARN
            case .user(let arn): arn
            case .service(let name), .webIdentity(let name): name
            }
        }
    }

    /// The resource-based policy that takes part in deciding the request.
    package enum ResourcePolicySource: Sendable, Hashable {
        case none
        /// The trust policy of the role at this ARN.
        case trustPolicy(roleARN: String)
        /// The bucket policy of the bucket with this name (or token).
        case bucketPolicy(bucket: String)
        /// The access policy of the domain with this label.
        case domainPolicy(domain: String)
        /// The key policy of the key this value (ARN, id or token) names.
        case keyPolicy(key: String)
        /// The data access policies of the OpenSearch Serverless collection of this name: they
        /// alone decide the request (IAM's `aoss:APIAccessAll` only lets the caller in).
        case collectionDataAccess(collection: String)

        /// The domain label of a domain access policy.
        package var domain: String? {
            if case .domainPolicy(let label) = self { return label }
            return nil
        }

        /// The bucket name of a bucket policy.
        package var bucket: String? {
            if case .bucketPolicy(let name) = self { return name }
            return nil
        }
    }

    package var area: Area
    package var caller: Caller
    package var action: String
    /// The resource as the request names it: a representative ARN (an export id, an object key
    /// under the prefix, an index path) where the real one is made at run time.
    package var resource: String
    /// The narrowest ARN pattern a least-privilege policy grants for this request.
    package var grantScope: String
    package var context: [String: ContextValue]
    /// `.allow` for something the stack needs; a deny for a door that must stay shut.
    package var expectation: Decision
    package var resourcePolicy: ResourcePolicySource
    /// What the request is for, in a few words ("export the table to S3").
    package var purpose: String
    /// The AWS page that documents the requirement.
    package var documentation: String

    package init(
        area: Area, caller: Caller, action: String, resource: String, grantScope: String, context: [String: ContextValue] = [:],
        expectation: Decision = .allow, resourcePolicy: ResourcePolicySource = .none, purpose: String, documentation: String
    ) {
        self.area = area
        self.caller = caller
        self.action = action
        self.resource = resource
        self.grantScope = grantScope
        self.context = context
        self.expectation = expectation
        self.resourcePolicy = resourcePolicy
        self.purpose = purpose
        self.documentation = documentation
    }
}

/// The AWS pages the requirements follow.
package enum RequirementSource {
    package static let pipelineRole = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/pipeline-domain-access.html"
    package static let dynamoDBSource = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/configure-client-ddb.html"
    package static let dynamoDBExport = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport_Requesting.html"
    package static let domainAccess = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/pipeline-domain-access.html"
    package static let cognitoDashboards = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/cognito-auth.html"
    package static let collectionAccess = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/pipeline-collection-access.html"
    package static let deadLetterQueue = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/osis-features-overview.html#osis-features-dlq"
    package static let creatingPipelines = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/pipeline-security-overview.html"
    package static let pipelineLogs = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/monitoring-pipeline-logs.html"
    package static let secureTransport = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"
}
