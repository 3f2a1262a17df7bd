import AWSClient
import AWSSigning
import Foundation
import PolicyModel
import Testing

/// A web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`, or a profile's
/// `web_identity_token_file` + `role_arn`) exchanged for the role's keys with STS
/// AssumeRoleWithWebIdentity, against scripted answers: unsigned, and the token never repeated.
@Suite struct WebIdentityTests {
    static let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl"
    static let role = "arn:aws:iam::111122223333:role/Auditor"

    /// A file holding `text`, removed when `body` returns.
    static func withTokenFile<T>(_ text: String, _ body: (String) async throws -> T) async throws -> T {
        let path = NSTemporaryDirectory() + "web-identity-\(UUID().uuidString)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    static func credentials(_ tokenFile: String, _ transport: ScriptedTransport) async throws -> AWSCredentials {
        try await CredentialProvider.credentials(.webIdentity(roleARN: role, sessionName: "ci-audit", tokenFile: tokenFile, origin: "the environment"),
                                                 settings: AWSClientTests.settings, region: "eu-west-1", transport: transport,
                                                 retry: RetryPolicy(maximumAttempts: 1, timeout: 5))
    }

    @Test func theTokenIsExchangedUnsignedForTheRolesKeys() async throws {
        let answer = """
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>
        <Credentials><AccessKeyId>ASIAWEBIDENTITY</AccessKeyId><SecretAccessKey>web-secret</SecretAccessKey><SessionToken>web-session</SessionToken>
        <Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
        """
        let transport = ScriptedTransport([.response(HTTPResponse(status: 200, headers: ["content-type": "text/xml"], body: Array(answer.utf8)))])
        // A file written with a line break at the end still holds just the token.
        let keys = try await Self.withTokenFile(Self.token + "\n") { try await Self.credentials($0, transport) }
        #expect(keys == AWSCredentials(accessKeyId: "ASIAWEBIDENTITY", secretAccessKey: "web-secret", sessionToken: "web-session"))
        let request = try #require(transport.sent.first)
        #expect(transport.sent.count == 1)
        #expect(request.url.absoluteString == "https://sts.eu-west-1.amazonaws.com/", "the regional endpoint, as the CLI uses")
        #expect(!request.headers.contains { $0.name == "Authorization" || $0.name.lowercased().hasPrefix("x-amz-") }, "unsigned: \(request.headers.map(\.name))")
        let form = String(decoding: request.body, as: UTF8.self)
        #expect(form == "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FAuditor&RoleSessionName=ci-audit&WebIdentityToken=\(Self.token)",
                "\(form)")
    }

    @Test func aRefusalIsExplainedWithoutTheToken() async throws {
        let refusal = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>Token \(Self.token) is expired</Message></Error></ErrorResponse>"
        let transport = ScriptedTransport([.response(HTTPResponse(status: 400, headers: ["content-type": "text/xml"], body: Array(refusal.utf8)))])
        await #expect {
            _ = try await Self.withTokenFile(Self.token) { try await Self.credentials($0, transport) }
        } throws: { error in
            (error as? AWSCallError)?.description == "STS AssumeRoleWithWebIdentity failed (HTTP 400 InvalidIdentityToken): Token (the token) is expired"
        }
    }

    @Test(arguments: [("", "is empty"), ("  \n", "is empty")])
    func anEmptyTokenFileIsNamed(text: String, problem: String) async throws {
        let transport = ScriptedTransport([])
        do {
            _ = try await Self.withTokenFile(text) { path in
                do {
                    return try await Self.credentials(path, transport)
                } catch let error as DiagnosticError {
                    #expect(error.diagnostics.first?.message == "the web identity token file `\(path)` (the environment, for role \(Self.role)) \(problem)")
                    throw error
                }
            }
            Issue.record("an empty token must be refused")
        } catch {
            #expect(transport.sent.isEmpty, "nothing is sent without a token")
        }
    }

    @Test func aMissingTokenFileIsNamed() async throws {
        let transport = ScriptedTransport([])
        await #expect {
            _ = try await Self.credentials("/nonexistent/token", transport)
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first.map { $0.code == "aws-config.web-identity-token" && $0.message.hasSuffix("cannot be read") } == true
        }
        #expect(transport.sent.isEmpty)
    }
}
