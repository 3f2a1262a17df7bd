import PipelineParsing
import PolicyEvaluation
import PolicyModel
import TemplateParsing

/// What every resource of the inventory has: how reports name it, its ARN and where it is
/// defined.
package struct ResourceIdentity: Sendable, Hashable {
    /// The template's logical id, or the resource's name in the account.
    package var label: String
    package var arn: String
    package var location: SourceLocation

    package init(label: String, arn: String, location: SourceLocation) {
        self.label = label
        self.arn = arn
        self.location = location
    }
}

/// A resource-based policy and where it is written.
package struct ResourcePolicy: Sendable {
    package var policy: NamedPolicy
    package var location: SourceLocation

    package init(policy: NamedPolicy, location: SourceLocation) {
        self.policy = policy
        self.location = location
    }
}

/// A DynamoDB table.
package struct Table: Sendable {
    package var identity: ResourceIdentity
    package var name: String
    /// The latest stream's ARN when the source knows it.
    package var streamARN: String?
    /// `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE`, `NEW_AND_OLD_IMAGES`; nil without a stream.
    package var streamViewType: String?
    /// nil when the source does not say (an account without `describe-continuous-backups`).
    package var pointInTimeRecovery: Bool?
    /// The customer managed KMS key the table is encrypted with (`SSESpecification.KMSMasterKeyId`).
    package var customerManagedKey: Located<String>? = nil
    /// Why the source cannot tell whether point-in-time recovery is on, when it has a reason of
    /// its own (a global table's replicas disagree).
    package var pointInTimeRecoveryUnknown: String? = nil
}

/// An S3 bucket.
package struct Bucket: Sendable {
    package var identity: ResourceIdentity
    package var name: String
    package var policy: ResourcePolicy?
    /// The bucket's own Block Public Access `RestrictPublicBuckets` (nil when not set).
    package var restrictPublicBuckets: Bool?
    /// The default SSE-KMS key, when the bucket encrypts with one.
    package var defaultKMSKey: Located<String>?

    package init(identity: ResourceIdentity, name: String, policy: ResourcePolicy? = nil, restrictPublicBuckets: Bool? = nil,
                 defaultKMSKey: Located<String>? = nil) {
        self.identity = identity
        self.name = name
        self.policy = policy
        self.restrictPublicBuckets = restrictPublicBuckets
        self.defaultKMSKey = defaultKMSKey
    }
}

/// An OpenSearch Service domain.
package struct Domain: Sendable {
    package struct Cognito: Sendable {
        package var enabled: Bool
        package var identityPoolId: Located<String>?
        package var location: SourceLocation
    }

    package struct FineGrainedAccessControl: Sendable {
        package var enabled: Bool
        package var masterUserARN: Located<String>?
    }

    package var identity: ResourceIdentity
    package var name: String
    package var accessPolicy: ResourcePolicy?
    package var cognito: Cognito?
    package var fineGrainedAccessControl: FineGrainedAccessControl?
    package var encryptionAtRest: Bool
    package var nodeToNodeEncryption: Bool
    package var enforceHTTPS: Bool
    package var inVPC: Bool
    /// The endpoint the account reports (`describe-domain`); a template's is a token.
    package var endpoint: String? = nil

    /// Whether a sink host names this domain: a token of its endpoint, or an endpoint
    /// `search-<name>-<id>.<region>.es.amazonaws.com` whose `<name>` is exactly the domain's.
    func isNamed(byEndpoint host: String) -> Bool {
        if let endpoint, Self.hostName(host) == Self.hostName(endpoint) { return true }
        if let logicalId = SymbolToken.referencedLogicalIds(in: host).first { return logicalId == identity.label }
        var name = host
        if let scheme = name.firstRange(of: "://") { name = String(name[scheme.upperBound...]) }
        name = String(name.prefix { $0 != "." && $0 != "/" && $0 != ":" })
        for prefix in ["search-", "vpc-"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            // The generated id follows the last dash; domain names may contain dashes themselves.
            if let dash = rest.lastIndex(of: "-") { return String(rest[rest.startIndex..<dash]) == self.name }
        }
        return false
    }

    /// `https://host:443/path` → `host`.
    static func hostName(_ text: String) -> String {
        var host = Substring(text)
        if let scheme = host.firstRange(of: "://") { host = host[scheme.upperBound...] }
        return String(host.prefix { $0 != "/" && $0 != ":" }).lowercased()
    }
}

/// An OpenSearch Serverless collection.
package struct ServerlessCollection: Sendable {
    package var identity: ResourceIdentity
    /// `Name`, which the collection's data access and security policies name it by.
    package var name: String
    /// `https://<id>.<region>.aoss.amazonaws.com` (the id is a token in a template).
    package var endpoint: String

    /// Whether a sink host names this collection: a token of it, or its endpoint.
    func isNamed(byEndpoint host: String) -> Bool {
        if let logicalId = SymbolToken.referencedLogicalIds(in: host).first { return logicalId == identity.label }
        return Domain.hostName(host) == Domain.hostName(endpoint)
    }
}

/// An OpenSearch Serverless data access policy (`data`) or security policy (`network`,
/// `encryption`). Its rules name collections and indexes by pattern, so one policy can cover
/// collections it does not name exactly, and a collection can be covered by several.
package struct ServerlessPolicy: Sendable {
    package typealias Entry = OpenSearchServerlessPolicyResource.Entry
    package typealias Rule = OpenSearchServerlessPolicyResource.Rule

    /// The template's logical id.
    package var label: String
    package var name: String
    /// `data`, `network` or `encryption`.
    package var type: String
    package var entries: [Entry]
    package var location: SourceLocation

    package init(label: String, name: String, type: String, entries: [Entry], location: SourceLocation) {
        self.label = label
        self.name = name
        self.type = type
        self.entries = entries
        self.location = location
    }

    /// Whether a rule's resource (`collection/<pattern>`, or `index/<pattern>/<index pattern>`)
    /// covers the collection `name`.
    package static func rule(_ rule: Rule, covers name: String) -> Bool {
        rule.resources.contains { resource in
            let parts = resource.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0] == "collection" || parts[0] == "index" else { return false }
            return WildcardPattern(glob: String(parts[1])).matches(name)
        }
    }

    /// The entries with a rule that covers the collection `name`.
    package func entries(covering name: String) -> [Entry] {
        entries.filter { $0.rules.contains { Self.rule($0, covers: name) } }
    }
}

/// A KMS key.
package struct Key: Sendable {
    package var identity: ResourceIdentity
    package var keyId: String
    package var policy: ResourcePolicy?
}

/// A Cognito identity pool with the roles attached to it.
package struct IdentityPool: Sendable {
    package var identity: ResourceIdentity
    package var poolId: String
    /// nil when the pool is not in the source (roles attached to an imported pool).
    package var allowsUnauthenticatedIdentities: Bool?
    package var authenticatedRoleARN: Located<String>?
    package var unauthenticatedRoleARN: Located<String>?
}

/// An OpenSearch Ingestion pipeline and its configuration.
package struct Pipeline: Sendable {
    /// The pipeline resource; nil for a configuration given on its own.
    package var identity: ResourceIdentity?
    /// `PipelineRoleArn`, when the resource names one.
    package var roleARN: Located<String>?
    package var configuration: PipelineConfiguration
    /// Where the configuration is: the pipeline resource, or the separate file.
    package var location: SourceLocation
    /// Whether the pipeline publishes its logs; nil when the source does not say.
    package var publishesLogs: Bool?

    /// How reports name it.
    package var label: String { identity?.label ?? configuration.file }

    /// `PipelineName`: what follows `pipeline/` in the pipeline's ARN (nil for a configuration
    /// given alone).
    package var name: String? {
        guard let arn = identity?.arn, let marker = arn.firstRange(of: ":pipeline/"), marker.upperBound < arn.endIndex else { return nil }
        return String(arn[marker.upperBound...])
    }

    /// Every role the pipeline names (sources, sinks, export, `PipelineRoleArn`), sorted.
    package var roleARNs: [String] {
        Array(Set(configuration.stsRoleARNs.map(\.value) + [roleARN?.value].compactMap { $0 })).sorted()
    }
}

/// A resource with its resource-based policy, whatever its kind: what the access graph needs.
package struct InventoryResource: Sendable {
    package var identity: ResourceIdentity
    package var policy: ResourcePolicy?
}
