import AWSSigning
import Foundation
import PolicyModel
import TestSupport
import Testing

/// Every case of AWS's Signature Version 4 test suite (Tests/SigV4TestSuite), signed in the header
/// and in the query, each step compared: canonical request, string to sign, signature, and the
/// signed request.
@Suite struct SigV4TestSuiteTests {
    static let directory = Repository.url("Tests/SigV4TestSuite/v4")

    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()) ?? []

    @Test func theSuiteIsThere() {
        #expect(Self.cases.count == 38)
    }

    @Test(arguments: cases) func headerSigning(_ name: String) throws {
        let suiteCase = try SuiteCase(name)
        let signing = suiteCase.signer.sign(suiteCase.request, at: suiteCase.time)
        #expect(signing.canonicalRequest == (try suiteCase.file("header-canonical-request.txt")))
        #expect(signing.stringToSign == (try suiteCase.file("header-string-to-sign.txt")))
        #expect(signing.signature == (try suiteCase.file("header-signature.txt")))
        #expect(SignedRequestShape(signing.request) == SignedRequestShape(try RawRequest.parse(try suiteCase.file("header-signed-request.txt"))))
    }

    @Test(arguments: cases) func querySigning(_ name: String) throws {
        let suiteCase = try SuiteCase(name)
        let signing = suiteCase.signer.sign(suiteCase.request, at: suiteCase.time, placement: .query(expiresInSeconds: suiteCase.expires))
        #expect(signing.canonicalRequest == (try suiteCase.file("query-canonical-request.txt")))
        #expect(signing.stringToSign == (try suiteCase.file("query-string-to-sign.txt")))
        #expect(signing.signature == (try suiteCase.file("query-signature.txt")))
        #expect(SignedRequestShape(signing.request) == SignedRequestShape(try RawRequest.parse(try suiteCase.file("query-signed-request.txt"))))
    }

    /// The secret and the session token never show when credentials are printed.
    @Test func credentialsNeverPrintTheirSecrets() {
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "token-value")
        for text in ["\(credentials)", String(reflecting: credentials), "\([credentials])"] {
            #expect(!text.contains("wJalr") && !text.contains("token-value"), "\(text)")
        }
        #expect("\(credentials)" == "credentials AKIDEXAMPLE (secret hidden, session token hidden)")
    }

    @Test func timesAreWrittenInUTC() {
        #expect(AMZTime(secondsSince1970: 1_440_938_160).stamp == "20150830T123600Z")
        #expect(AMZTime(secondsSince1970: 0).stamp == "19700101T000000Z")
        #expect(AMZTime(secondsSince1970: 951_782_400).stamp == "20000229T000000Z")
        #expect(AMZTime(secondsSince1970: 1_798_761_599).stamp == "20261231T235959Z")
    }
}

/// One directory of the suite.
struct SuiteCase {
    let directory: URL
    let request: SigningRequest
    let signer: SigV4Signer
    let time: AMZTime
    let expires: Int

    init(_ name: String) throws {
        directory = SigV4TestSuiteTests.directory.appendingPathComponent(name)
        request = try RawRequest.parse(String(contentsOf: directory.appendingPathComponent("request.txt"), encoding: .utf8))
        let context = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("context.json"))) as? [String: Any])
        let credentials = try #require(context["credentials"] as? [String: Any])
        var signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: try #require(credentials["access_key_id"] as? String), secretAccessKey: try #require(credentials["secret_access_key"] as? String),
                                        sessionToken: credentials["token"] as? String),
            region: try #require(context["region"] as? String), service: try #require(context["service"] as? String))
        signer.normalizesPath = context["normalize"] as? Bool ?? true
        signer.signsBodyHash = context["sign_body"] as? Bool ?? false
        signer.leavesSessionTokenUnsigned = context["omit_session_token"] as? Bool ?? false
        self.signer = signer
        let timestamp = try #require(context["timestamp"] as? String)
        time = AMZTime(secondsSince1970: Int64(try #require(ISO8601DateFormatter().date(from: timestamp)).timeIntervalSince1970))
        expires = context["expiration_in_seconds"] as? Int ?? 3600
    }

    func file(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}

/// An HTTP/1.1 request as the suite writes it: the request line (its path may hold spaces and
/// raw UTF-8), `Name:value` headers with indented continuation lines, a blank line, the body.
enum RawRequest {
    static func parse(_ text: String) throws -> SigningRequest {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        let (path, query) = target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) } ?? (target, "")
        var headers: [SigningRequest.Header] = []
        while let line = lines.first, !line.isEmpty {
            lines.removeFirst()
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
            } else {
                let colon = try #require(line.firstIndex(of: ":"))
                headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let body = lines.dropFirst().joined(separator: "\n")
        let parameters: [SigningRequest.QueryParameter] = query.isEmpty ? [] : query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return SigningRequest.QueryParameter(PercentEncoding.decoded(String(parts[0])), parts.count > 1 ? PercentEncoding.decoded(String(parts[1])) : "")
        }
        return SigningRequest(method: method, path: path, query: parameters, headers: headers, body: Array(body.utf8))
    }
}

/// A signed request compared as the server reads it: query parameters and headers as multisets
/// (names of headers case-insensitive, white space runs as one), whatever their order.
struct SignedRequestShape: Equatable {
    var method: String
    var path: String
    var query: [String]
    var headers: [String]
    var body: [UInt8]

    init(_ request: SigningRequest) {
        method = request.method
        path = request.path
        query = request.query.map { "\($0.name)=\($0.value)" }.sorted()
        headers = request.headers.map { "\($0.name.lowercased()):\($0.value.split(whereSeparator: \.isWhitespace).joined(separator: " "))" }.sorted()
        body = request.body
    }
}
