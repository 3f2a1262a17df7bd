import Foundation
import PolicyModel
import PolicyParsing

/// A directory of what the AWS CLI prints about an account (`--output json`, unmodified), each
/// file recognised by its content, not its name. Outputs that do not name their resource
/// (`get-bucket-policy`, `get-public-access-block`, `get-bucket-encryption`,
/// `describe-continuous-backups`, `get-key-policy`, `describe-domain-config`, organizations'
/// `list-parents` and `list-targets-for-policy`, and `list-policies` when it lists nothing) take it
/// from the file name: `<resource>.<command>.json`, or the directory's name for a file named
/// `<command>.json`.
package struct AccountFiles: Sendable {
    package struct Entry<Value: Sendable>: Sendable {
        package var value: Value
        package var location: SourceLocation
    }

    package var directory: String
    package var authorizationDetails: [AccountSnapshot] = []
    package var pipelines: [Entry<ServiceOutputs.Pipeline>] = []
    /// Pipelines `list-pipelines` names, by name.
    package var listedPipelines: [Entry<String>] = []
    package var domains: [Entry<ServiceOutputs.Domain>] = []
    package var tables: [Entry<ServiceOutputs.Table>] = []
    /// Point-in-time recovery by table name.
    package var pointInTimeRecovery: [String: Entry<Bool>] = [:]
    /// Bucket policies by bucket name; nil for a saved `{}` (the bucket has none).
    package var bucketPolicies: [String: Entry<PolicyDocument?>] = [:]
    /// `RestrictPublicBuckets` by bucket name.
    package var restrictPublicBuckets: [String: Entry<Bool>] = [:]
    /// The default SSE-KMS key by bucket name; nil for SSE-S3.
    package var bucketKeys: [String: Entry<String?>] = [:]
    package var keyPolicies: [String: Entry<PolicyDocument>] = [:]
    package var keys: [Entry<ServiceOutputs.KeyMetadata>] = []
    package var identityPools: [Entry<ServiceOutputs.IdentityPool>] = []
    /// `aws sts get-caller-identity`: the account the outputs were read from.
    package var callerAccount: Entry<String>?
    /// The organization the account is in (`describe-organization`); nil when no output says.
    package var organization: Entry<ServiceOutputs.Organization>?
    /// The parents of an account or organizational unit, by its id (`list-parents`).
    package var organizationParents: [String: Entry<[ServiceOutputs.OrganizationParent]>] = [:]
    /// The policies of the organization by type (`list-policies --filter TYPE`).
    package var listedOrganizationPolicies: [String: Entry<[ServiceOutputs.OrganizationPolicySummary]>] = [:]
    /// Organization policies with their documents, by policy id (`describe-policy`).
    package var organizationPolicies: [String: Entry<ServiceOutputs.OrganizationPolicy>] = [:]
    /// The roots, organizational units and accounts a policy is attached to, by policy id
    /// (`list-targets-for-policy`).
    package var organizationPolicyTargets: [String: Entry<[String]>] = [:]
    /// Calls a live audit could not make (`fetch-errors.json`): the command and the error.
    package var fetchErrors: [Entry<(command: String, error: String)>] = []
    /// Files that are none of the outputs above: reported, never guessed at.
    package var unrecognised: [String] = []

    /// The commands whose output names no resource, as file names spell them.
    static let unnamedOutputs = ["get-bucket-policy", "get-public-access-block", "get-bucket-encryption", "describe-continuous-backups",
                                 "get-key-policy", "describe-domain-config", "list-parents", "list-targets-for-policy", "list-policies"]

    /// The organization policy types `list-policies --filter` takes that the audit reads.
    package static let controlPolicyTypes = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]

    package static func load(directory: String) throws(DiagnosticError) -> AccountFiles {
        var files = AccountFiles(directory: directory)
        for path in try jsonFiles(in: directory) {
            let bytes = try SourceFile.bytes(path)
            let root: JSONNode
            do {
                root = try JSONReader.parse(bytes: bytes)
            } catch {
                throw error.located(in: path)
            }
            do {
                try files.add(root, file: path)
            } catch {
                throw error.located(in: path)
            }
        }
        return files
    }

    /// Every `.json` file below `directory`, sorted, so the result does not depend on the order
    /// the file system lists them.
    static func jsonFiles(in directory: String) throws(DiagnosticError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.not-a-directory", message: "`\(directory)` is not a directory", file: directory))
        }
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.lowercased().hasSuffix(".json") { paths.append((directory as NSString).appendingPathComponent(relative)) }
        }
        return paths.sorted()
    }

    /// The resource an output that does not name it belongs to: the file name without `.json`
    /// and `.<command>`, or the directory's name when the file is `<command>.json`.
    static func resourceName(of path: String, command: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        if stem == command { return url.deletingLastPathComponent().lastPathComponent }
        guard stem.hasSuffix(".\(command)") else { return nil }
        return String(stem.dropLast(command.count + 1))
    }

    func named(_ path: String, _ command: String, _ node: JSONNode) throws(DiagnosticError) -> String {
        guard let name = Self.resourceName(of: path, command: command), !name.isEmpty else {
            throw DiagnosticError(Diagnostic(
                severity: .error, code: "snapshot.unnamed-output", message: "this `\(command)` output does not say which resource it is for", position: node.position,
                help: "name the file `<resource>.\(command).json` (for example `my-bucket.\(command).json`), or put it as `\(command).json` in a directory named after the resource"))
        }
        return name
    }

    mutating func add(_ root: JSONNode, file: String) throws(DiagnosticError) {
        func location(_ node: JSONNode) -> SourceLocation { SourceLocation(file: file, position: node.position) }
        let members = Set(root.objectValue?.map(\.key) ?? [])
        if !members.isDisjoint(with: ["RoleDetailList", "UserDetailList", "GroupDetailList"]) {
            authorizationDetails.append(try AccountSnapshot(root: root, file: file))
        } else if let pipeline = try root.object("Pipeline"), pipeline["PipelineConfigurationBody"] != nil {
            pipelines.append(Entry(value: try ServiceOutputs.Pipeline(pipeline), location: location(pipeline)))
        } else if members.contains("Pipelines") {
            for summary in try root.objects("Pipelines") {
                listedPipelines.append(Entry(value: try summary.string("PipelineName"), location: location(summary)))
            }
        } else if let status = try root.object("DomainStatus") {
            domains.append(Entry(value: try ServiceOutputs.Domain(status), location: location(status)))
        } else if members.contains("DomainStatusList") {
            for status in try root.objects("DomainStatusList") {
                domains.append(Entry(value: try ServiceOutputs.Domain(status), location: location(status)))
            }
        } else if let config = try root.object("DomainConfig") {
            let name = try named(file, "describe-domain-config", config)
            domains.append(Entry(value: try ServiceOutputs.Domain(config, name: name, options: true), location: location(config)))
        } else if let table = try root.object("Table"), table["TableName"] != nil {
            tables.append(Entry(value: try ServiceOutputs.Table(table), location: location(table)))
        } else if let backups = try root.object("ContinuousBackupsDescription") {
            let status = try backups.object("PointInTimeRecoveryDescription")?.optionalString("PointInTimeRecoveryStatus")
            pointInTimeRecovery[try named(file, "describe-continuous-backups", root)] = Entry(value: status == "ENABLED", location: location(backups))
        } else if let block = try root.object("PublicAccessBlockConfiguration") {
            restrictPublicBuckets[try named(file, "get-public-access-block", root)] = Entry(value: try block.bool("RestrictPublicBuckets") ?? false, location: location(block))
        } else if let encryption = try root.object("ServerSideEncryptionConfiguration") {
            var key: String?
            for rule in try encryption.objects("Rules") {
                guard let defaults = try rule.object("ApplyServerSideEncryptionByDefault"), try defaults.optionalString("SSEAlgorithm")?.hasPrefix("aws:kms") == true else { continue }
                key = try defaults.optionalString("KMSMasterKeyID")
            }
            bucketKeys[try named(file, "get-bucket-encryption", root)] = Entry(value: key, location: location(encryption))
        } else if let metadata = try root.object("KeyMetadata") {
            let key = ServiceOutputs.KeyMetadata(keyId: try metadata.string("KeyId"), arn: try metadata.string("Arn"), manager: try metadata.optionalString("KeyManager"))
            // The same key described twice (by its id and by an alias) is one key.
            if !keys.contains(where: { $0.value.keyId == key.keyId }) { keys.append(Entry(value: key, location: location(metadata))) }
        } else if members.contains("Account"), members.contains("Arn"), members.contains("UserId") {
            callerAccount = Entry(value: try root.string("Account"), location: location(root))
        } else if let organization = try root.object("Organization"), organization["MasterAccountId"] != nil {
            self.organization = Entry(value: ServiceOutputs.Organization(id: try organization.string("Id"), managementAccountId: try organization.string("MasterAccountId")),
                                      location: location(organization))
        } else if members.contains("Parents") {
            let parents = try root.objects("Parents").map { parent throws(DiagnosticError) in
                ServiceOutputs.OrganizationParent(id: try parent.string("Id"), type: try parent.string("Type"))
            }
            organizationParents[try named(file, "list-parents", root)] = Entry(value: parents, location: location(root))
        } else if members.contains("Targets"), try root.objects("Targets").first.map({ $0["TargetId"] != nil })
                    ?? (Self.resourceName(of: file, command: "list-targets-for-policy") != nil) {
            let targets = try root.objects("Targets").map { target throws(DiagnosticError) in try target.string("TargetId") }
            organizationPolicyTargets[try named(file, "list-targets-for-policy", root)] = Entry(value: targets, location: location(root))
        } else if members.contains("Policies"), let type = try organizationPolicyType(root, file: file) {
            let summaries = try root.objects("Policies").map { entry throws(DiagnosticError) in try ServiceOutputs.OrganizationPolicySummary(entry) }
            listedOrganizationPolicies[type] = Entry(value: summaries, location: location(root))
        } else if let policy = root["Policy"], policy.objectValue != nil, policy["PolicySummary"] != nil {
            // `describe-policy`; `get-bucket-policy` and `get-key-policy` print `Policy` as a string.
            let content = try policy.member("Content")
            let summary = try ServiceOutputs.OrganizationPolicySummary(try policy.member("PolicySummary"))
            organizationPolicies[summary.id] = Entry(value: ServiceOutputs.OrganizationPolicy(summary: summary, document: try PolicyDocumentField.document(content, urlEncoded: false)),
                                                     location: SourceLocation(file: file, position: content.position))
        } else if members.contains("AccessGraphFetchErrors") {
            for failure in try root.objects("AccessGraphFetchErrors") {
                fetchErrors.append(Entry(value: (try failure.string("command"), try failure.string("error")), location: location(failure)))
            }
        } else if let policy = root["Policy"] {
            try addPolicy(policy, root: root, file: file)
        } else if members.contains("IdentityPoolId") {
            try addIdentityPool(root, location: location(root))
        } else if members.isEmpty, root.objectValue != nil, Self.unnamedOutputs.contains(where: { Self.resourceName(of: file, command: $0) != nil }) {
            // `{}` saved for a bucket without a policy (get-bucket-policy fails with NoSuchBucketPolicy).
            if let bucket = Self.resourceName(of: file, command: "get-bucket-policy") { bucketPolicies[bucket] = Entry(value: nil, location: location(root)) }
        } else {
            unrecognised.append(file)
        }
    }

    /// The type of organization policies a `list-policies` output lists: its entries' `Type`, or
    /// for an empty list the file name (`SERVICE_CONTROL_POLICY.list-policies.json`); nil for
    /// anything else that prints `Policies` (`aws iam list-policies`).
    func organizationPolicyType(_ root: JSONNode, file: String) throws(DiagnosticError) -> String? {
        let entries = try root.objects("Policies")
        if let first = entries.first {
            guard first["AwsManaged"] != nil, let type = try first.optionalString("Type") else { return nil }
            return type
        }
        return Self.resourceName(of: file, command: "list-policies").flatMap { Self.controlPolicyTypes.contains($0) ? $0 : nil }
    }

    /// `get-bucket-policy` and `get-key-policy` both print `{"Policy": "…"}` (KMS adds
    /// `PolicyName`): the file name says which when it can, else what the policy grants.
    mutating func addPolicy(_ policy: JSONNode, root: JSONNode, file: String) throws(DiagnosticError) {
        let document = try PolicyDocumentField.document(policy, urlEncoded: false)
        let entryLocation = SourceLocation(file: file, position: policy.position)
        if let bucket = Self.resourceName(of: file, command: "get-bucket-policy") {
            bucketPolicies[bucket] = Entry(value: document, location: entryLocation)
        } else if let key = Self.resourceName(of: file, command: "get-key-policy") {
            keyPolicies[key] = Entry(value: document, location: entryLocation)
        } else {
            throw DiagnosticError(Diagnostic(
                severity: .error, code: "snapshot.unnamed-output", message: "this policy does not say which bucket or key it is for", position: root.position,
                help: "name the file `<bucket>.get-bucket-policy.json` or `<key-id>.get-key-policy.json`"))
        }
    }

    /// `describe-identity-pool` and `get-identity-pool-roles`, merged by pool id.
    mutating func addIdentityPool(_ root: JSONNode, location: SourceLocation) throws(DiagnosticError) {
        let poolId = try root.string("IdentityPoolId")
        let index = identityPools.firstIndex { $0.value.poolId == poolId } ?? {
            identityPools.append(Entry(value: ServiceOutputs.IdentityPool(poolId: poolId, position: root.position), location: location))
            return identityPools.count - 1
        }()
        if let name = try root.optionalString("IdentityPoolName") { identityPools[index].value.name = name }
        if let allows = try root.bool("AllowUnauthenticatedIdentities") { identityPools[index].value.allowsUnauthenticatedIdentities = allows }
        if let roles = try root.object("Roles") {
            identityPools[index].value.authenticatedRoleARN = try roles.optionalString("authenticated").map { Located($0, at: roles["authenticated"]?.position ?? roles.position) }
            identityPools[index].value.unauthenticatedRoleARN = try roles.optionalString("unauthenticated").map { Located($0, at: roles["unauthenticated"]?.position ?? roles.position) }
        }
    }
}

extension ServiceOutputs.IdentityPool {
    init(poolId: String, position: SourcePosition) {
        self.poolId = poolId
        self.position = position
    }
}
