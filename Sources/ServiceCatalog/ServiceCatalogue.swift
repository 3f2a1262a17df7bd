import PolicyModel

/// AWS's service authorization data (actions, resource types, condition keys) and the AWS managed
/// policies, as bundled with AccessGraph. Cheap to copy; all copies share one store.
///
/// Loading reads both files and parses only their indexes; a service's section is parsed the first
/// time something asks about that service. Lookups are case-insensitive where AWS is.
package struct ServiceCatalogue: Sendable {
    let storage: CatalogueStorage
    let policies: ManagedPolicyStore
    package let source: CatalogueSource

    /// Builds a catalogue from the two files' contents (for tests and custom catalogues).
    package init(catalogueData: [UInt8], managedPolicyData: [UInt8]) throws(CatalogueError) {
        storage = try CatalogueStorage(bytes: catalogueData)
        policies = try ManagedPolicyStore(bytes: managedPolicyData)
        let header = storage.header
        source = CatalogueSource(
            formatVersion: CatalogueFormat.version, iamDataCommit: header.iamDataCommit, iamDataDate: header.iamDataDate,
            serviceCount: header.services.count, actionCount: header.actionCount,
            resourceTypeCount: header.resourceTypeCount, conditionKeyCount: header.conditionKeyCount,
            managedPolicyCount: policies.entries.count, managedPoliciesNewestUpdate: policies.newestUpdate)
    }

    // MARK: Services and actions

    /// All service prefixes, sorted.
    package var servicePrefixes: [String] { storage.header.services.map(\.prefix) }

    /// The service with this prefix (`"S3"` finds `s3`). Nil for unknown prefixes — and for a
    /// service whose section is corrupt; `validate()` reports such damage.
    package func service(_ prefix: String) -> ServiceInfo? {
        // ASCII case only, as the evaluator compares actions: `K` (U+212A) does not name `kms`.
        guard let index = storage.serviceIndex[prefix.asciiLowercased] else { return nil }
        return try? storage.service(at: index).get()
    }

    /// `"es:ESHttpGet"`, any case.
    package func action(_ qualifiedName: String) -> ActionInfo? {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return nil }
        return service(String(qualifiedName[..<colon]))?.action(String(qualifiedName[qualifiedName.index(after: colon)...]))
    }

    /// True when the action takes no resource types (only `"Resource": "*"`); nil for an unknown action.
    package func isWildcardOnly(_ qualifiedName: String) -> Bool? {
        action(qualifiedName)?.isWildcardOnly
    }

    /// The action's resource-type rows; empty for wildcard-only or unknown actions.
    package func resourceTypes(forAction qualifiedName: String) -> [ActionResourceType] {
        action(qualifiedName)?.resourceTypes ?? []
    }

    /// A service's resource type by name, e.g. `resourceType(service: "s3", name: "object")`.
    package func resourceType(service prefix: String, name: String) -> ResourceTypeInfo? {
        service(prefix)?.resourceType(name)
    }

    /// The resource type a concrete ARN names (`table/orders` a DynamoDB `table`), the first in the
    /// service's order; nil when the ARN's service or type is not in the catalogue.
    package func resourceType(ofARN arn: String) -> ResourceTypeInfo? {
        guard let prefix = SplitARN(arn).prefix?[2] else { return nil }
        return service(prefix)?.resourceTypes.first { $0.matches(arn: arn) }
    }

    package func isRCPSupported(service prefix: String) -> Bool {
        storage.serviceIndex[prefix.asciiLowercased].map { storage.header.services[$0].isRCPSupported } ?? false
    }

    /// Actions matching an IAM action pattern: `*` any run, `?` one character, case-insensitive,
    /// matched against the whole `service:Action` name as IAM does (so `*:Get*` and `s3*` work).
    /// The pattern is compiled and matched exactly as the evaluator matches an `Action` entry
    /// (`ActionPattern`), so both agree on every name. `"*"` returns every action. Sorted by
    /// service prefix, then case-insensitively by action name. Only services whose prefix the
    /// pattern can match are parsed.
    package func expandActionPattern(_ pattern: String) -> [ActionInfo] {
        let matcher = ActionPattern(pattern).matcher
        let leading = matcher.leadingLiteral
        var candidates: [Int]
        if let colon = leading.firstIndex(of: UInt8(ascii: ":")) {
            // Literal service part: one service at most.
            candidates = storage.serviceIndex[String(decoding: leading[..<colon], as: UTF8.self)].map { [$0] } ?? []
        } else {
            candidates = storage.header.services.indices.filter { index in
                matcher.canMatch(textStartingWith: Array((storage.header.services[index].prefix + ":").utf8))
            }
        }
        var result: [ActionInfo] = []
        var name: [UInt8] = []
        for index in candidates {
            guard let info = try? storage.service(at: index).get() else { continue }
            if matcher.matchesEverything {
                result += info.actions
                continue
            }
            for action in info.actions {
                // The request's action as the evaluator sees it (`RequestAction`): ASCII-lower-cased.
                name.removeAll(keepingCapacity: true)
                name.append(contentsOf: info.prefix.utf8)
                name.append(UInt8(ascii: ":"))
                for byte in action.name.utf8 { name.append(byte.asciiLowercased) }
                if name.withUnsafeBufferPointer({ matcher.matches(bytes: $0) }) { result.append(action) }
            }
        }
        return result
    }

    // MARK: Condition keys

    /// Resolves a condition key, case-insensitively: global `aws:` keys, service keys, identity
    /// provider keys (`saml:aud`, `cognito-identity.amazonaws.com:amr`) and templated keys
    /// (`aws:PrincipalTag/team` via `aws:PrincipalTag/${TagKey}`, `s3:ExistingObjectTag/env` via
    /// `s3:ExistingObjectTag/<key>`). Nil when no definition or template matches.
    package func conditionKey(_ name: String) -> ConditionKeyInfo? {
        try? storage.keyTable().get().lookup(name)
    }

    /// Every condition key definition (templates unexpanded), sorted case-insensitively.
    package var allConditionKeys: [ConditionKeyInfo] {
        (try? storage.keyTable().get().all) ?? []
    }

    // MARK: Managed policies

    /// All AWS managed policy names, sorted.
    package var managedPolicyNames: [String] { policies.entries.map(\.name) }

    /// An AWS managed policy by name (exact case first, then case-insensitively).
    package func managedPolicy(named name: String) -> ManagedPolicyRecord? {
        policies.index(named: name).map { policies.record(at: $0) }
    }

    /// An AWS managed policy by ARN: `arn:<partition>:iam::aws:policy[/<path>]/<name>`, any
    /// partition (`aws`, `aws-cn`, `aws-us-gov`, ...). The path must match the policy's path, as it
    /// must for IAM: `arn:aws:iam::aws:policy/AWSLambdaRole` does not name
    /// `arn:aws:iam::aws:policy/service-role/AWSLambdaRole`. The returned record's ARN uses the
    /// partition asked for.
    package func managedPolicy(arn: String) -> ManagedPolicyRecord? {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", !fields[1].isEmpty, fields[2] == "iam", fields[3].isEmpty,
              fields[4] == "aws", fields[5].hasPrefix("policy/") else { return nil }
        let resource = fields[5].dropFirst("policy".count)   // "/service-role/AWSLambdaRole"
        guard let slash = resource.lastIndex(of: "/") else { return nil }
        let name = String(resource[resource.index(after: slash)...])
        let path = String(resource[...slash])
        guard let index = policies.index(named: name), policies.entries[index].name == name,
              policies.entries[index].path == path else { return nil }
        return policies.record(at: index, partition: String(fields[1]))
    }

    // MARK: Integrity

    /// Parses every section, throwing the first problem found. Normal lookups parse lazily and
    /// treat a damaged section as absent; tests and `accessgraph --version`-style checks call this.
    package func validate() throws(CatalogueError) {
        _ = try storage.keyTable().get()
        for index in storage.header.services.indices {
            _ = try storage.service(at: index).get()
        }
    }
}
