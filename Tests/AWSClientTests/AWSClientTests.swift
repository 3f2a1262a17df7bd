import AWSClient
import AWSSigning
import Foundation
import PolicyParsing
import Testing

/// A transport that answers from a script and records what it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    enum Answer {
        case response(HTTPResponse)
        case failure(any Error)
    }

    private let lock = NSLock()
    private var answers: [Answer]
    private(set) var requests: [HTTPRequest] = []

    init(_ answers: [Answer]) {
        self.answers = answers
    }

    func send(_ request: HTTPRequest, timeout: Double) async throws -> HTTPResponse {
        let answer: Answer = lock.withLock {
            requests.append(request)
            return answers.isEmpty ? .failure(URLError(.cannotConnectToHost)) : answers.removeFirst()
        }
        switch answer {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }

    var sent: [HTTPRequest] { lock.withLock { requests } }
}

/// The client's retries, timeouts, errors and protocols, against scripted answers: no network.
@Suite struct AWSClientTests {
    static let settings = AWSSettings(profile: "default", credentials: .keys(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"), origin: "test"),
                                      region: "us-east-1", serviceEndpoints: [:], endpoint: nil)

    static func client(_ transport: ScriptedTransport, settings: AWSSettings = settings, waits: WaitLog = WaitLog()) -> AWSClient {
        AWSClient(settings: settings, credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"), region: "us-east-1",
                  transport: transport, retry: RetryPolicy(maximumAttempts: 4, baseDelay: 0.1, maximumDelay: 1, timeout: 5),
                  sleep: { waits.append($0) }, random: { 0.5 })
    }

    final class WaitLog: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Double] = []
        func append(_ value: Double) { lock.withLock { values.append(value) } }
        var all: [Double] { lock.withLock { values } }
    }

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> ScriptedTransport.Answer {
        .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    @Test func throttlingIsRetriedWithCappedBackoffAndJitter() async throws {
        let transport = ScriptedTransport([
            Self.json(400, #"{"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "Rate exceeded"}"#),
            Self.json(503, "{}"),
            Self.json(200, #"{"Table": {"TableName": "orders"}}"#),
        ])
        let waits = WaitLog()
        let table = try await Self.client(transport, waits: waits).json(.dynamoDB, "DescribeTable", .object([("TableName", .string("orders"))]))
        #expect(table["Table"]?["TableName"]?.stringValue == "orders")
        #expect(transport.sent.count == 3)
        // Full jitter with random 0.5: half of min(cap, base × 2ⁿ).
        #expect(waits.all == [0.05, 0.1])
        let first = try #require(transport.sent.first)
        #expect(first.url.absoluteString == "https://dynamodb.us-east-1.amazonaws.com/")
        #expect(first.headers.contains { $0.name == "X-Amz-Target" && $0.value == "DynamoDB_20120810.DescribeTable" })
        #expect(first.headers.contains { $0.name == "Authorization" && $0.value.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") && $0.value.contains("/us-east-1/dynamodb/aws4_request") })
        #expect(RetryPolicy().delay(afterAttempt: 20, random: 0.999) < 20.0, "capped")
    }

    @Test func aCallThatKeepsFailingReportsTheLastErrorAndItsAttempts() async throws {
        let transport = ScriptedTransport(Array(repeating: Self.json(500, "<!doctype html><title>502</title>", headers: ["content-type": "text/html"]), count: 4))
        do {
            _ = try await Self.client(transport).restJSON(.osis, "ListPipelines", method: "GET", path: "/2022-01-01/osis/listPipelines")
            Issue.record("must fail")
        } catch let error as AWSCallError {
            #expect(error.description == "OSIS ListPipelines failed (HTTP 500 after 4 attempts): the response is not an AWS error document (33 bytes, text/html)")
        }
        #expect(transport.sent.count == 4)
    }

    @Test func timeoutsAreRetriedThenExplained() async throws {
        let transport = ScriptedTransport(Array(repeating: .failure(URLError(.timedOut)), count: 4))
        await #expect {
            _ = try await Self.client(transport).json(.kms, "DescribeKey", .object([]))
        } throws: { error in
            (error as? AWSCallError)?.description == "KMS DescribeKey failed (no response after 4 attempts): no answer within 5 s"
        }
    }

    @Test func anAccessDenialIsNotRetried() async throws {
        let transport = ScriptedTransport([
            .response(HTTPResponse(status: 403, headers: ["content-type": "text/xml"], body: Array(
                "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform iam:GetAccountAuthorizationDetails</Message></Error></ErrorResponse>".utf8))),
        ])
        await #expect {
            _ = try await Self.client(transport).query(.iam, "GetAccountAuthorizationDetails")
        } throws: { error in
            (error as? AWSCallError)?.description == "IAM GetAccountAuthorizationDetails failed (HTTP 403 AccessDenied): User is not authorized to perform iam:GetAccountAuthorizationDetails"
        }
        #expect(transport.sent.count == 1)
        // IAM is global: one endpoint, signed for us-east-1, the form in the body.
        let request = try #require(transport.sent.first)
        #expect(request.url.absoluteString == "https://iam.amazonaws.com/")
        #expect(String(decoding: request.body, as: UTF8.self) == "Action=GetAccountAuthorizationDetails&Version=2010-05-08")
    }

    @Test func configuredEndpointsAndBucketsAreAddressedAsTheCLIDoes() async throws {
        var local = Self.settings
        local.endpoint = "http://127.0.0.1:5000"
        let transport = ScriptedTransport([Self.json(200, "{}"), Self.json(200, "{}")])
        _ = try await Self.client(transport, settings: local).send(.s3, operation: "GetBucketPolicy", method: "GET", path: "/", query: [.init("policy", "")], bucket: "exports")
        _ = try await Self.client(transport).send(.s3, operation: "GetBucketPolicy", method: "GET", path: "/", query: [.init("policy", "")], bucket: "exports")
        #expect(transport.sent.map(\.url.absoluteString) == ["http://127.0.0.1:5000/exports?policy=", "https://exports.s3.us-east-1.amazonaws.com/?policy="])
        #expect(transport.sent.allSatisfy { $0.headers.contains { $0.name == "X-Amz-Content-Sha256" } })
    }

    @Test func queryResultsBecomeTheJSONTheCLIPrints() throws {
        let xml = """
        <GetAccountAuthorizationDetailsResult><UserDetailList/><RoleDetailList><member><RoleName>r</RoleName><RolePolicyList/>\
        <AttachedManagedPolicies><member><PolicyName>p</PolicyName></member></AttachedManagedPolicies><RoleLastUsed/></member></RoleDetailList>\
        <Policies><member><AttachmentCount>2</AttachmentCount><PolicyVersionList><member><IsDefaultVersion>true</IsDefaultVersion></member></PolicyVersionList></member></Policies>\
        <IsTruncated>false</IsTruncated></GetAccountAuthorizationDetailsResult>
        """
        let json = QueryXMLConversion.json(try XMLTree.parse(Array(xml.utf8))).renderedCompact()
        #expect(json == #"{"UserDetailList":[],"RoleDetailList":[{"RoleName":"r","RolePolicyList":[],"AttachedManagedPolicies":[{"PolicyName":"p"}],"RoleLastUsed":{}}],"#
            + #""Policies":[{"AttachmentCount":2,"PolicyVersionList":[{"IsDefaultVersion":true}]}],"IsTruncated":false}"#)
    }
}
