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

/// Foundation's HTTP client (FoundationNetworking on Linux), with no cache and no cookies. The
/// timeout is kept here, for the whole exchange: FoundationNetworking's `timeoutInterval` lets a
/// server that accepts the connection and then says nothing hold a call far longer.
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
        let outcome = Outcome()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            guard let http = response as? HTTPURLResponse, let data else {
                outcome.finish(.failure(error ?? URLError(.badServerResponse)))
                return
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            outcome.finish(.success(HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))))
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.wait(continuation)
                task.resume()
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                    outcome.finish(.failure(URLError(.timedOut)))
                    task.cancel()
                }
            }
        } onCancel: {
            outcome.finish(.failure(CancellationError()))
            task.cancel()
        }
    }

    /// The first of the answer, the timeout and cancellation, delivered once.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<HTTPResponse, any Error>?
        private var result: Result<HTTPResponse, any Error>?

        func wait(_ continuation: CheckedContinuation<HTTPResponse, any Error>) {
            let early: Result<HTTPResponse, any Error>? = lock.withLock {
                if let result { return result }
                self.continuation = continuation
                return nil
            }
            if let early { continuation.resume(with: early) }
        }

        func finish(_ outcome: Result<HTTPResponse, any Error>) {
            let waiting: CheckedContinuation<HTTPResponse, any Error>? = lock.withLock {
                guard result == nil else { return nil }
                result = outcome
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume(with: outcome)
        }
    }
}
