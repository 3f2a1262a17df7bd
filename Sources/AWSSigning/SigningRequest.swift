import PolicyModel

/// An HTTP request as Signature Version 4 sees it: method, path (not yet percent-encoded), query
/// parameters (decoded), headers in the order given, and the body.
package struct SigningRequest: Sendable, Hashable {
    package var method: String
    package var path: String
    package var query: [QueryParameter]
    package var headers: [Header]
    package var body: [UInt8]

    package struct QueryParameter: Sendable, Hashable {
        package var name: String
        package var value: String

        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    package struct Header: Sendable, Hashable {
        package var name: String
        package var value: String

        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    package init(method: String, path: String, query: [QueryParameter] = [], headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The query as it goes on the wire: `name=value` pairs percent-encoded, in order.
    package var encodedQuery: String {
        query.map { PercentEncoding.encoded($0.name) + "=" + PercentEncoding.encoded($0.value) }.joined(separator: "&")
    }
}
