import AWSSigning
import Foundation
import PolicyModel
import PolicyParsing

/// Calls AWS services: resolves where each request goes, signs it (SigV4), sends it with a
/// timeout, and retries throttling, 5xx and transport failures with capped exponential backoff
/// and jitter. Errors carry the service's code and message, never the credentials.
package struct AWSClient: Sendable {
    package var settings: AWSSettings
    package var credentials: AWSCredentials
    package var region: String
    package var transport: any HTTPTransport
    package var retry: RetryPolicy
    /// How the client waits between attempts; tests pass one that does not sleep.
    package var sleep: @Sendable (Double) async -> Void
    package var random: @Sendable () -> Double

    package init(settings: AWSSettings, credentials: AWSCredentials, region: String, transport: any HTTPTransport = URLSessionTransport(),
                 retry: RetryPolicy = RetryPolicy(),
                 sleep: @escaping @Sendable (Double) async -> Void = { seconds in try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) },
                 random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.settings = settings
        self.credentials = credentials
        self.region = region
        self.transport = transport
        self.retry = retry
        self.sleep = sleep
        self.random = random
    }

    /// The endpoint URL: the configured one (`AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`,
    /// `endpoint_url`), else AWS's for the region's partition.
    package func endpoint(_ service: AWSService) -> String {
        if let configured = settings.endpoint(forService: service.id) { return configured.hasSuffix("/") ? String(configured.dropLast()) : configured }
        let partition = AWSPartition.named(forRegion: region)
        let suffix = AWSPartition.urlSuffix(of: partition) ?? "amazonaws.com"
        if service.isGlobal, service.globalHostNamesRegion { return "https://\(service.endpointPrefix).\(signingRegion(service)).\(suffix)" }
        if service.isGlobal { return partition == "aws" ? "https://\(service.endpointPrefix).\(suffix)" : "https://\(service.endpointPrefix).\(region).\(suffix)" }
        return "https://\(service.endpointPrefix).\(region).\(suffix)"
    }

    /// The region a request is signed for: a global service's home region.
    func signingRegion(_ service: AWSService) -> String {
        guard service.isGlobal else { return region }
        switch AWSPartition.named(forRegion: region) {
        case "aws-cn": return "cn-north-1"
        case "aws-us-gov": return "us-gov-west-1"
        case "aws": return "us-east-1"
        default: return region
        }
    }

    /// Sends one request (path and query as the service's protocol writes them) and returns the
    /// successful response; failures after the retries are an `AWSCallError`.
    /// - Parameter bucket: an S3 bucket, addressed virtual-hosted style (`bucket.s3.region…`) on
    ///   AWS's endpoints and path style (`endpoint/bucket`) on a configured one.
    /// - Parameter signed: false for the calls AWS takes unsigned (`AssumeRoleWithWebIdentity`).
    package func send(_ service: AWSService, operation: String, method: String, path: String, query: [SigningRequest.QueryParameter] = [],
                      headers: [SigningRequest.Header] = [], body: [UInt8] = [], bucket: String? = nil, signed: Bool = true) async throws -> HTTPResponse {
        let configured = settings.endpoint(forService: service.id) != nil
        let base = endpoint(service)
        guard let components = URLComponents(string: base), let endpointHost = components.host else {
            throw AWSCallError(service: service.id, operation: operation, code: nil, message: "the endpoint `\(base)` is not a URL", status: nil, attempts: 0)
        }
        let host = bucket.map { configured ? endpointHost : "\($0).\(endpointHost)" } ?? endpointHost
        let hostHeader = components.port.map { "\(host):\($0)" } ?? host
        var basePath = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        if let bucket, configured { basePath += "/\(bucket)" }
        let path = bucket != nil && configured && path == "/" ? "" : path
        var signer = SigV4Signer(credentials: credentials, region: signingRegion(service), service: service.signingName)
        signer.normalizesPath = service.wireProtocol != .restXML
        signer.signsBodyHash = service.wireProtocol == .restXML
        var attempt = 0
        while true {
            let unsigned = SigningRequest(method: method, path: basePath + path, query: query, headers: [.init("Host", hostHeader)] + headers, body: body)
            let signed = signed ? signer.sign(unsigned, at: AMZTime(secondsSince1970: Int64(Date().timeIntervalSince1970))).request : unsigned
            let encodedPath = signed.path.split(separator: "/", omittingEmptySubsequences: false).map { PercentEncoding.encoded(String($0)) }.joined(separator: "/")
            let target = (components.scheme ?? "https") + "://" + hostHeader + encodedPath + (signed.query.isEmpty ? "" : "?" + signed.encodedQuery)
            guard let url = URL(string: target) else {
                throw AWSCallError(service: service.id, operation: operation, code: nil, message: "cannot form a URL for `\(path)`", status: nil, attempts: attempt + 1)
            }
            let request = HTTPRequest(method: method, url: url, headers: signed.headers.filter { $0.name != "Host" }.map { ($0.name, $0.value) }, body: body)
            var failure: AWSCallError
            do {
                let response = try await transport.send(request, timeout: retry.timeout)
                if (200..<300).contains(response.status) { return response }
                let (code, message) = Self.errorDetails(response)
                failure = AWSCallError(service: service.id, operation: operation, code: code, message: message, status: response.status, attempts: attempt + 1)
                guard retry.isRetryable(status: response.status, code: code) else { throw failure }
            } catch let error as AWSCallError {
                throw error
            } catch {
                failure = AWSCallError(service: service.id, operation: operation, code: nil, message: Self.transportMessage(error, timeout: retry.timeout),
                                       status: nil, attempts: attempt + 1)
            }
            attempt += 1
            guard attempt < retry.maximumAttempts else { throw failure }
            await sleep(retry.delay(afterAttempt: attempt - 1, random: random()))
        }
    }

    static func transportMessage(_ error: any Error, timeout: Double) -> String {
        if let url = error as? URLError {
            switch url.code {
            case .timedOut: return "no answer within \(timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)) s"
            case .cannotConnectToHost, .cannotFindHost: return "cannot connect to the endpoint"
            default: return "the connection failed (\(url.code.rawValue))"
            }
        }
        return "the connection failed"
    }

    /// The error code and message from a JSON (`__type`, `code`, `message`), XML (`<Code>`,
    /// `<Message>`) or header (`x-amzn-ErrorType`) error response; a body that is neither (an
    /// HTML page from a proxy) is described, not quoted.
    static func errorDetails(_ response: HTTPResponse) -> (code: String?, message: String) {
        let headerCode = response.headers["x-amzn-errortype"].map { String($0.prefix { $0 != ":" }) }
        if let node = try? JSONReader.parse(bytes: response.body), node.objectValue != nil {
            let type = node["__type"]?.stringValue ?? node["code"]?.stringValue ?? node["Code"]?.stringValue
            let code = headerCode ?? type.map { String($0.split(separator: "#").last ?? Substring($0)) }
            let message = node["message"]?.stringValue ?? node["Message"]?.stringValue ?? "no message"
            return (code, DisplayText.escaped(message))
        }
        // Only what looks like XML goes to libxml2, which reports other text on stderr.
        let contentType = response.headers["content-type"]?.lowercased() ?? ""
        let looksLikeXML = contentType.contains("xml") || response.body.starts(with: Array("<?xml".utf8)) || response.body.starts(with: Array("<Error".utf8))
        if looksLikeXML, !contentType.contains("html"), let tree = try? XMLTree.parse(response.body) {
            let error = tree.name == "Error" ? tree : (tree["Error"] ?? tree.children.first { $0["Error"] != nil }?["Error"])
            return (headerCode ?? error?["Code"]?.text, DisplayText.escaped(error?["Message"]?.text ?? "no message"))
        }
        return (headerCode, "the response is not an AWS error document (\(response.body.count) bytes\(response.headers["content-type"].map { ", \($0)" } ?? ""))")
    }

    // MARK: Protocols

    /// JSON 1.0/1.1: `POST /` with `X-Amz-Target: <prefix>.<Operation>`.
    package func json(_ service: AWSService, _ operation: String, _ body: JSONOutput) async throws -> JSONNode {
        guard case .json(let version, let prefix) = service.wireProtocol else { throw Self.wrongProtocol(service, operation) }
        let response = try await send(service, operation: operation, method: "POST", path: "/",
                                      headers: [.init("Content-Type", "application/x-amz-json-\(version)"), .init("X-Amz-Target", "\(prefix).\(operation)")],
                                      body: Array(body.renderedCompact().utf8))
        return try parsedJSON(response, service: service, operation: operation)
    }

    /// REST-JSON: the operation's method and path.
    package func restJSON(_ service: AWSService, _ operation: String, method: String, path: String, query: [SigningRequest.QueryParameter] = [],
                          body: JSONOutput? = nil) async throws -> JSONNode {
        let response = try await send(service, operation: operation, method: method, path: path, query: query,
                                      headers: body == nil ? [] : [.init("Content-Type", "application/json")],
                                      body: body.map { Array($0.renderedCompact().utf8) } ?? [])
        return try parsedJSON(response, service: service, operation: operation)
    }

    /// Query: `POST /` with a form body `Action=…&Version=…&…`; the XML result.
    package func query(_ service: AWSService, _ action: String, _ parameters: [SigningRequest.QueryParameter] = [], signed: Bool = true) async throws -> XMLTree {
        guard case .query(let version) = service.wireProtocol else { throw Self.wrongProtocol(service, action) }
        let form = SigningRequest(method: "POST", path: "/", query: [.init("Action", action), .init("Version", version)] + parameters).encodedQuery
        let response = try await send(service, operation: action, method: "POST", path: "/",
                                      headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Array(form.utf8), signed: signed)
        return try parsedXML(response, service: service, operation: action)
    }

    static func wrongProtocol(_ service: AWSService, _ operation: String) -> AWSCallError {
        AWSCallError(service: service.id, operation: operation, code: nil, message: "\(service.id) does not speak this protocol", status: nil, attempts: 0)
    }

    package func parsedJSON(_ response: HTTPResponse, service: AWSService, operation: String) throws -> JSONNode {
        do {
            return try JSONReader.parse(bytes: response.body.isEmpty ? Array("{}".utf8) : response.body)
        } catch {
            throw AWSCallError(service: service.id, operation: operation, code: nil,
                               message: "the response is not JSON (\(response.body.count) bytes\(response.headers["content-type"].map { ", \($0)" } ?? ""))",
                               status: response.status, attempts: 1)
        }
    }

    package func parsedXML(_ response: HTTPResponse, service: AWSService, operation: String) throws -> XMLTree {
        do {
            return try XMLTree.parse(response.body)
        } catch {
            throw AWSCallError(service: service.id, operation: operation, code: nil, message: "the response is not well-formed XML (\(response.body.count) bytes)",
                               status: response.status, attempts: 1)
        }
    }
}
