import Foundation
import PolicyModel
import PolicyParsing

/// A directory of what the AWS CLI prints about an account (`--output json`, unmodified), each
/// file recognised by its content, not its name. Outputs that do not name their resource
/// (`get-bucket-policy`, `get-public-access-block`, `get-bucket-encryption`,
/// `describe-continuous-backups`, `get-key-policy`, `describe-domain-config`) take it from the file
/// name: `<resource>.<command>.json`, or the directory's name for a file named `<command>.json`.
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
    /// Calls a live audit could not make (`fetch-errors.json`): the command and the error.
    package var fetchErrors: [Entry<(command: String, error: String)>] = []
    /// Files that are none of the outputs above: reported, never guessed at.
    package var unrecognised: [String] = []

    /// The commands whose output names no resource, as file names spell them.
    static let unnamedOutputs = ["get-bucket-policy", "get-public-access-block", "get-bucket-encryption", "describe-continuous-backups",
                                 "get-key-policy", "describe-domain-config"]

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
            keys.append(Entry(value: ServiceOutputs.KeyMetadata(keyId: try metadata.string("KeyId"), arn: try metadata.string("Arn"),
                                                                manager: try metadata.optionalString("KeyManager")), location: location(metadata)))
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
