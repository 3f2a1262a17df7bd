import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange, as the client needs it: bytes in, status, headers and bytes out.
package struct HTTPRequest: Sendable {
    package var method: String
    package var url: URL
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
}

package struct HTTPResponse: Sendable {
    package var status: Int
    /// Names lower-cased.
    package var headers: [String: String]
    package var body: [UInt8]

    package init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends requests; tests give a scripted one, the CLI `URLSessionTransport`.
package protocol HTTPTransport: Sendable {
    /// Throws `URLError` (or any error) when no response arrives within `timeout` seconds.
    func send(_ request: HTTPRequest, timeout: Double) async throws -> HTTPResponse
}

/// Foundation's HTTP client (FoundationNetworking on Linux), with no cache and no cookies.
package struct URLSessionTransport: HTTPTransport {
    let session: URLSession

    package init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    package func send(_ request: HTTPRequest, timeout: Double) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }
}
