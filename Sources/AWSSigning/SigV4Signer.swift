import Crypto
import struct Foundation.Data
import PolicyModel

/// AWS Signature Version 4 ("Create a signed AWS API request", IAM User Guide): the canonical
/// request, the string to sign, the signing key and the signature, placed in the `Authorization`
/// header or, for a presigned URL, in the query. Each step is kept, so tests compare them with
/// AWS's test suite and a rejected signature can be explained.
package struct SigV4Signer: Sendable {
    package static let algorithm = "AWS4-HMAC-SHA256"

    package enum Placement: Sendable, Hashable {
        case header
        /// A presigned URL valid for this many seconds.
        case query(expiresInSeconds: Int)
    }

    /// Every step of one signature.
    package struct Signing: Sendable, Hashable {
        package var canonicalRequest: String
        package var stringToSign: String
        package var signature: String
        /// The request with the signature (and the date, token and body hash) in place.
        package var request: SigningRequest
    }

    package var credentials: AWSCredentials
    package var region: String
    package var service: String
    /// Remove `.` and `..` segments and repeated slashes before signing: every service but S3.
    package var normalizesPath = true
    /// Send and sign `x-amz-content-sha256`, as S3 requires.
    package var signsBodyHash = false
    /// Add the session token after signing instead of signing it (services that want it so).
    package var leavesSessionTokenUnsigned = false

    /// Headers the signature leaves out: proxies and HTTP libraries may change them on the way.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "transfer-encoding"]

    package init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    package func sign(_ request: SigningRequest, at time: AMZTime, placement: Placement = .header) -> Signing {
        let scope = "\(time.day)/\(region)/\(service)/aws4_request"
        let payloadHash = Self.hex(SHA256.hash(data: request.body))
        let token = credentials.sessionToken
        var signed = request
        var query = request.query
        switch placement {
        case .header:
            signed.headers.append(.init("X-Amz-Date", time.stamp))
            if let token, !leavesSessionTokenUnsigned { signed.headers.append(.init("X-Amz-Security-Token", token)) }
            if signsBodyHash { signed.headers.append(.init("X-Amz-Content-Sha256", payloadHash)) }
        case .query:
            break
        }
        let (canonicalHeaders, signedHeaderNames) = Self.canonicalHeaders(signed.headers)
        if case .query(let expires) = placement {
            query += [
                .init("X-Amz-Algorithm", Self.algorithm), .init("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope)"),
                .init("X-Amz-Date", time.stamp), .init("X-Amz-Expires", String(expires)), .init("X-Amz-SignedHeaders", signedHeaderNames),
            ]
            if let token, !leavesSessionTokenUnsigned { query.append(.init("X-Amz-Security-Token", token)) }
        }
        let canonicalRequest = [
            request.method, canonicalPath(request.path), Self.canonicalQuery(query), canonicalHeaders, signedHeaderNames, payloadHash,
        ].joined(separator: "\n")
        let stringToSign = [Self.algorithm, time.stamp, scope, Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8)))].joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey(day: time.day)))
        switch placement {
        case .header:
            if let token, leavesSessionTokenUnsigned { signed.headers.append(.init("X-Amz-Security-Token", token)) }
            signed.headers.append(.init("Authorization", "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaderNames), Signature=\(signature)"))
        case .query:
            if let token, leavesSessionTokenUnsigned { query.append(.init("X-Amz-Security-Token", token)) }
            query.append(.init("X-Amz-Signature", signature))
            signed.query = query
        }
        return Signing(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature, request: signed)
    }

    /// `HMAC("AWS4" + secret, day)`, then the region, the service and `aws4_request`.
    func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// Each segment percent-encoded; with normalization, `.`, `..` and empty segments resolved
    /// first (RFC 3986 section 5.2.4), the trailing slash kept.
    func canonicalPath(_ path: String) -> String {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if normalizesPath {
            var kept: [String] = []
            for segment in segments {
                switch segment {
                case "", ".": continue
                case "..": _ = kept.popLast()
                default: kept.append(segment)
                }
            }
            let trailing = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..")
            segments = [""] + kept + (trailing && !kept.isEmpty ? [""] : [])
            if kept.isEmpty { return "/" }
        }
        let encoded = segments.map(PercentEncoding.encoded).joined(separator: "/")
        return encoded.isEmpty ? "/" : encoded
    }

    /// Names and values encoded, sorted by name then value.
    static func canonicalQuery(_ query: [SigningRequest.QueryParameter]) -> String {
        query.map { (PercentEncoding.encoded($0.name), PercentEncoding.encoded($0.value)) }
            .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// `name:value` lines sorted by lower-case name, repeated headers joined with `,` in order,
    /// each value trimmed with its runs of white space made one space; and the signed names.
    static func canonicalHeaders(_ headers: [SigningRequest.Header]) -> (lines: String, names: String) {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard !unsignedHeaders.contains(name) else { continue }
            values[name, default: []].append(header.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " "))
        }
        let names = values.keys.sorted()
        return (names.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined(), names.joined(separator: ";"))
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef")
        var result = ""
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return result
    }
}
