import AWSSigning
import PolicyModel
import PolicyParsing

/// Every AWS API operation the live audit calls, with the service that answers it and the IAM
/// action that allows it: `AccountFetcher` makes its calls only through these, and `audit
/// --print-policy` prints the least-privilege policy from the same list.
package enum AuditOperation: String, CaseIterable, Sendable {
    case getCallerIdentity = "GetCallerIdentity"
    case listPipelines = "ListPipelines"
    case getPipeline = "GetPipeline"
    case describeTable = "DescribeTable"
    case describeContinuousBackups = "DescribeContinuousBackups"
    case getBucketPolicy = "GetBucketPolicy"
    case getPublicAccessBlock = "GetPublicAccessBlock"
    case getBucketEncryption = "GetBucketEncryption"
    case listDomainNames = "ListDomainNames"
    case describeDomains = "DescribeDomains"
    case listIdentityPools = "ListIdentityPools"
    case describeIdentityPool = "DescribeIdentityPool"
    case getIdentityPoolRoles = "GetIdentityPoolRoles"
    case describeKey = "DescribeKey"
    case getKeyPolicy = "GetKeyPolicy"
    case getAccountAuthorizationDetails = "GetAccountAuthorizationDetails"
    case describeOrganization = "DescribeOrganization"
    case listParents = "ListParents"
    case listPolicies = "ListPolicies"
    case describePolicy = "DescribePolicy"
    case listTargetsForPolicy = "ListTargetsForPolicy"

    package var service: AWSService {
        switch self {
        case .getCallerIdentity: .sts
        case .listPipelines, .getPipeline: .osis
        case .describeTable, .describeContinuousBackups: .dynamoDB
        case .getBucketPolicy, .getPublicAccessBlock, .getBucketEncryption: .s3
        case .listDomainNames, .describeDomains: .openSearch
        case .listIdentityPools, .describeIdentityPool, .getIdentityPoolRoles: .cognitoIdentity
        case .describeKey, .getKeyPolicy: .kms
        case .getAccountAuthorizationDetails: .iam
        case .describeOrganization, .listParents, .listPolicies, .describePolicy, .listTargetsForPolicy: .organizations
        }
    }

    /// The IAM action that allows the call; nil for `sts:GetCallerIdentity`, which needs none
    /// and which no policy can deny.
    package var iamAction: String? {
        switch self {
        case .getCallerIdentity: nil
        // S3's actions are not named after its operations.
        case .getPublicAccessBlock: "s3:GetBucketPublicAccessBlock"
        case .getBucketEncryption: "s3:GetEncryptionConfiguration"
        default: "\(service.signingName):\(rawValue)"
        }
    }

    /// The actions a live audit needs, per service in the order the audit calls them, each list
    /// sorted.
    package static var requiredActions: [(service: AWSService, actions: [String])] {
        allCases.filter { $0.iamAction != nil }.groupedInOrder(by: \.service).map { service, operations in
            (service, operations.compactMap(\.iamAction).uniqued().sorted())
        }
    }
}

extension AWSClient {
    package func json(_ operation: AuditOperation, _ body: JSONOutput) async throws -> JSONNode {
        try await json(operation.service, operation.rawValue, body)
    }

    package func restJSON(_ operation: AuditOperation, method: String, path: String, query: [SigningRequest.QueryParameter] = [],
                          body: JSONOutput? = nil) async throws -> JSONNode {
        try await restJSON(operation.service, operation.rawValue, method: method, path: path, query: query, body: body)
    }

    /// Every item of a JSON-protocol list, following `NextToken`.
    package func listItems(_ operation: AuditOperation, _ parameters: [(String, JSONOutput)], list key: String) async throws -> [JSONNode] {
        try await Self.listItems(list: key) { token in
            try await json(operation, .object(parameters + (token.map { [("NextToken", .string($0))] } ?? [])))
        }
    }

    /// The whole list as one answer, `{key: [...]}`, as the CLI prints it.
    package func allPages(_ operation: AuditOperation, _ parameters: [(String, JSONOutput)], list key: String) async throws -> JSONOutput {
        .object([(key, .array(try await listItems(operation, parameters, list: key).map(JSONOutput.init)))])
    }

    /// The items of the list `key` over the pages `page(token)` returns, following `NextToken` (a
    /// token that comes back again ends the list rather than looping).
    package static func listItems(list key: String, _ page: (String?) async throws -> JSONNode) async throws -> [JSONNode] {
        var items: [JSONNode] = []
        var token: String?
        var seen = Set<String>()
        repeat {
            let answer = try await page(token)
            items += answer[key]?.arrayValue ?? []
            token = answer["NextToken"]?.stringValue
        } while token.map { seen.insert($0).inserted } == true
        return items
    }

    package func query(_ operation: AuditOperation, _ parameters: [SigningRequest.QueryParameter] = []) async throws -> XMLTree {
        try await query(operation.service, operation.rawValue, parameters)
    }

    /// A REST-XML call (S3): the answer's XML; `bucket` as `send` addresses it.
    package func restXML(_ operation: AuditOperation, path: String = "/", query: [SigningRequest.QueryParameter], bucket: String) async throws -> XMLTree {
        try parsedXML(try await send(operation, path: path, query: query, bucket: bucket), service: operation.service, operation: operation.rawValue)
    }

    package func send(_ operation: AuditOperation, method: String = "GET", path: String = "/", query: [SigningRequest.QueryParameter], bucket: String) async throws -> HTTPResponse {
        try await send(operation.service, operation: operation.rawValue, method: method, path: path, query: query, bucket: bucket)
    }
}
