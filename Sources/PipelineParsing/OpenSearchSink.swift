import PolicyModel

/// The `opensearch` sink: writes to an OpenSearch Service domain or an OpenSearch Serverless
/// collection. Values are kept as written; Data Prepper expressions such as
/// `${getMetadata("primary_key")}` are not interpreted.
package struct OpenSearchSink: Sendable, Hashable {
    /// The `opensearch` key.
    package var position: SourcePosition
    /// `hosts`, in file order; never empty.
    package var hosts: [Located<String>]
    package var index: Located<String>?
    package var indexType: Located<String>?
    package var documentID: Located<String>?
    package var action: Located<String>?
    package var documentVersion: Located<String>?
    package var documentVersionType: Located<String>?
    /// The `aws` block, or the older flat `aws_sigv4` / `aws_region` / `aws_sts_role_arn` options.
    package var aws: PipelineAWSConfig?
    package var deadLetterQueue: S3DeadLetterQueue?

    package init(
        position: SourcePosition, hosts: [Located<String>], index: Located<String>? = nil,
        indexType: Located<String>? = nil, documentID: Located<String>? = nil, action: Located<String>? = nil,
        documentVersion: Located<String>? = nil, documentVersionType: Located<String>? = nil,
        aws: PipelineAWSConfig? = nil, deadLetterQueue: S3DeadLetterQueue? = nil
    ) {
        self.position = position
        self.hosts = hosts
        self.index = index
        self.indexType = indexType
        self.documentID = documentID
        self.action = action
        self.documentVersion = documentVersion
        self.documentVersionType = documentVersionType
        self.aws = aws
        self.deadLetterQueue = deadLetterQueue
    }

    /// The host of each entry of `hosts`: scheme, path and numeric port removed, so
    /// `https://{{GetAtt:Domain.DomainEndpoint}}` gives `{{GetAtt:Domain.DomainEndpoint}}` and
    /// `https://search-x.us-east-1.es.amazonaws.com:443/` gives `search-x.us-east-1.es.amazonaws.com`.
    package var domainEndpointHosts: [String] {
        hosts.map { Self.endpointHost(of: $0.value) }
    }

    /// `aws.serverless: true`: the hosts are OpenSearch Serverless collection endpoints (`aoss`),
    /// not domain endpoints (`es`).
    package var isServerless: Bool { aws?.serverless?.value ?? false }

    /// The host part of an endpoint URL (see `domainEndpointHosts`).
    package static func endpointHost(of url: String) -> String {
        var rest = Substring(url).drop(while: { $0 == " " || $0 == "\t" })
        while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        // A port is `:` followed by digits only; markers such as `{{GetAtt:X.Y}}` keep their `:`.
        if let colon = rest.lastIndex(of: ":") {
            let port = rest[rest.index(after: colon)...]
            if !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber) {
                rest = rest[..<colon]
            }
        }
        return String(rest)
    }
}
