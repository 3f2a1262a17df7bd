import Foundation
import PipelineParsing
import PolicyModel
import PolicyParsing

/// Fetches what `audit --snapshot` reads, live, and saves it as the AWS CLI prints it: the same
/// file names and JSON shapes, so every live audit can be replayed and diffed offline. The
/// caller's account and the pipelines first; then the tables and buckets their configurations
/// name, the domains and identity pools of the region, the account's IAM and organization; then
/// the keys those use, and a member account's place in its organization and its SCPs and RCPs.
/// A call that fails for good is recorded in `fetch-errors.json` (whose errors the audit adds to
/// the `unknown` reasons that name its command) and the rest still runs; calls run at most
/// `concurrency` at a time, each only through an `AuditOperation`.
package struct AccountFetcher: Sendable {
    package struct Failure: Sendable, Hashable {
        /// The CLI command that would print the output (`aws osis get-pipeline --pipeline-name p`).
        package var command: String
        package var error: String
    }

    let client: AWSClient
    /// Reads the organization's policies: only its management account and delegated
    /// administrators may (`--organization-profile`).
    let organizationClient: AWSClient
    let directory: String
    let concurrency: Int
    let progress: @Sendable (String) -> Void

    package init(client: AWSClient, organizationClient: AWSClient? = nil, directory: String, concurrency: Int = 4,
                 progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.client = client
        self.organizationClient = organizationClient ?? client
        self.directory = directory
        self.concurrency = max(1, concurrency)
        self.progress = progress
    }

    /// One output to fetch: the file it goes to, the CLI command it stands for, and how; nil
    /// when the answer means there is nothing to save (the account is in no organization).
    struct Call: Sendable {
        var file: String
        var command: String
        var run: @Sendable () async throws -> JSONOutput?
    }

    package func fetch() async throws -> [Failure] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var failures: [Failure] = []
        // Who is calling: the account the organization's policies are looked up for.
        failures += await run([Call(file: "get-caller-identity.json", command: "aws sts get-caller-identity") { [client] in
            let result = try await client.query(.getCallerIdentity)["GetCallerIdentityResult"]
            return .object(["UserId", "Account", "Arn"].map { ($0, .string(result?[$0]?.text ?? "")) })
        }])
        let account = saved("get-caller-identity.json")?["Account"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        // Pipelines next: their configurations name the tables, buckets and keys to read.
        failures += await run([Call(file: "list-pipelines.json", command: "aws osis list-pipelines") { [client] in
            let pipelines = try await AWSClient.listItems(list: "Pipelines") { token in
                try await client.restJSON(.listPipelines, method: "GET", path: "/2022-01-01/osis/listPipelines", query: token.map { [.init("nextToken", $0)] } ?? [])
            }
            return .object([("Pipelines", .array(pipelines.map(JSONOutput.init)))])
        }])
        let names = (saved("list-pipelines.json")?["Pipelines"]?.arrayValue ?? []).compactMap { $0["PipelineName"]?.stringValue }
        failures += await run(names.map { name in
            Call(file: "\(name).get-pipeline.json", command: "aws osis get-pipeline --pipeline-name \(name)") { [client] in
                JSONOutput(try await client.restJSON(.getPipeline, method: "GET", path: "/2022-01-01/osis/getPipeline/\(name)"))
            }
        })
        var tables = Set<String>()
        var buckets = Set<String>()
        var keys = Set<String>()
        for name in names {
            guard let body = saved("\(name).get-pipeline.json")?["Pipeline"]?["PipelineConfigurationBody"]?.stringValue,
                  let configuration = try? PipelineConfiguration.parse(text: body, file: name) else { continue }
            for source in configuration.dynamoDBSources {
                for table in source.tables {
                    tables.insert(String(table.tableARN.value.split(separator: "/").dropFirst().first ?? ""))
                    if let bucket = table.export?.s3Bucket?.value { buckets.insert(bucket) }
                    if let key = table.export?.s3SSEKMSKeyID?.value { keys.insert(key) }
                }
            }
            for sink in configuration.openSearchSinks { if let bucket = sink.deadLetterQueue?.bucket?.value { buckets.insert(bucket) } }
        }
        tables.remove("")
        var calls: [Call] = []
        for table in tables.sorted() {
            calls.append(Call(file: "\(table).describe-table.json", command: "aws dynamodb describe-table --table-name \(table)") { [client] in
                JSONOutput(try await client.json(.describeTable, .object([("TableName", .string(table))])))
            })
            calls.append(Call(file: "\(table).describe-continuous-backups.json", command: "aws dynamodb describe-continuous-backups --table-name \(table)") { [client] in
                JSONOutput(try await client.json(.describeContinuousBackups, .object([("TableName", .string(table))])))
            })
        }
        for bucket in buckets.sorted() { calls += bucketCalls(bucket) }
        calls += domainCalls()
        do {
            calls += try await identityPoolCalls()
        } catch {
            failures.append(Failure(command: "aws cognito-identity list-identity-pools --max-results 60", error: Self.message(error)))
        }
        calls.append(Call(file: "get-account-authorization-details.json", command: "aws iam get-account-authorization-details") { [client] in
            try await Self.authorizationDetails(client)
        })
        calls.append(Call(file: "describe-organization.json", command: "aws organizations describe-organization") { [client] in
            do {
                return JSONOutput(try await client.json(.describeOrganization, .object([])))
            } catch let error as AWSCallError where error.code == "AWSOrganizationsNotInUseException" {
                return nil
            }
        })
        failures += await run(calls)
        // The keys the tables and buckets are encrypted with, then their policies.
        for table in tables {
            if let key = saved("\(table).describe-table.json")?["Table"]?["SSEDescription"]?["KMSMasterKeyArn"]?.stringValue { keys.insert(key) }
        }
        for bucket in buckets {
            for rule in saved("\(bucket).get-bucket-encryption.json")?["ServerSideEncryptionConfiguration"]?["Rules"]?.arrayValue ?? [] {
                if let key = rule["ApplyServerSideEncryptionByDefault"]?["KMSMasterKeyID"]?.stringValue, !key.isEmpty { keys.insert(key) }
            }
        }
        failures += await run(keys.sorted().map { key in
            Call(file: "\(Self.keyFileStem(key)).describe-key.json", command: "aws kms describe-key --key-id \(key)") { [client] in
                JSONOutput(try await client.json(.describeKey, .object([("KeyId", .string(key))])))
            }
        })
        let keyIds = Set(keys.compactMap { saved("\(Self.keyFileStem($0)).describe-key.json")?["KeyMetadata"]?["KeyId"]?.stringValue })
        failures += await run(keyIds.sorted().map { keyId in
            Call(file: "\(keyId).get-key-policy.json", command: "aws kms get-key-policy --key-id \(keyId) --policy-name default") { [client] in
                JSONOutput(try await client.json(.getKeyPolicy, .object([("KeyId", .string(keyId)), ("PolicyName", .string("default"))])))
            }
        })
        failures += await organizationPolicies(account: account)
        if !failures.isEmpty {
            try save(.object([("AccessGraphFetchErrors", .array(failures.map { .object([("command", .string($0.command)), ("error", .string($0.error))]) }))]),
                     as: "fetch-errors.json")
        }
        return failures
    }

    /// The file name a key's `describe-key` output is saved under: its id (`key/ID` in an ARN),
    /// or an alias with `/` as `-`.
    static func keyFileStem(_ reference: String) -> String {
        let resource = reference.hasPrefix("arn:") ? String(reference.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? "") : reference
        return resource.hasPrefix("key/") ? String(resource.dropFirst(4)) : resource.replacingOccurrences(of: "/", with: "-")
    }

    /// When the account belongs to an organization and is not its management account (which
    /// SCPs and RCPs do not affect): where it sits (`list-parents` up to the root) and the SCPs
    /// and RCPs with their content and targets.
    func organizationPolicies(account: String?) async -> [Failure] {
        guard let organization = saved("describe-organization.json")?["Organization"], let account,
              organization["MasterAccountId"]?.stringValue != account else { return [] }
        var failures: [Failure] = []
        var child = account
        var placed = Set<String>()
        while placed.insert(child).inserted {
            failures += await run([Call(file: "\(child).list-parents.json", command: "aws organizations list-parents --child-id \(child)") { [organizationClient, child] in
                try await organizationClient.allPages(.listParents, [("ChildId", .string(child))], list: "Parents")
            }])
            guard let parent = saved("\(child).list-parents.json")?["Parents"]?.arrayValue?.first,
                  parent["Type"]?.stringValue == "ORGANIZATIONAL_UNIT", let id = parent["Id"]?.stringValue else { break }
            child = id
        }
        var policies: [String] = []
        for filter in ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] {
            failures += await run([Call(file: "\(filter).list-policies.json", command: "aws organizations list-policies --filter \(filter)") { [organizationClient] in
                try await organizationClient.allPages(.listPolicies, [("Filter", .string(filter))], list: "Policies")
            }])
            policies += (saved("\(filter).list-policies.json")?["Policies"]?.arrayValue ?? []).compactMap { $0["Id"]?.stringValue }
        }
        failures += await run(policies.flatMap { policy in [
            Call(file: "\(policy).describe-policy.json", command: "aws organizations describe-policy --policy-id \(policy)") { [organizationClient] in
                JSONOutput(try await organizationClient.json(.describePolicy, .object([("PolicyId", .string(policy))])))
            },
            Call(file: "\(policy).list-targets-for-policy.json", command: "aws organizations list-targets-for-policy --policy-id \(policy)") { [organizationClient] in
                try await organizationClient.allPages(.listTargetsForPolicy, [("PolicyId", .string(policy))], list: "Targets")
            },
        ] })
        return failures
    }

    // MARK: Calls

    func bucketCalls(_ bucket: String) -> [Call] {
        [
            Call(file: "\(bucket).get-bucket-policy.json", command: "aws s3api get-bucket-policy --bucket \(bucket)") { [client] in
                do {
                    let response = try await client.send(.getBucketPolicy, query: [.init("policy", "")], bucket: bucket)
                    return .object([("Policy", .string(String(decoding: response.body, as: UTF8.self)))])
                } catch let error as AWSCallError where error.code == "NoSuchBucketPolicy" {
                    return .object([])
                }
            },
            Call(file: "\(bucket).get-public-access-block.json", command: "aws s3api get-public-access-block --bucket \(bucket)") { [client] in
                let tree = try await client.restXML(.getPublicAccessBlock, query: [.init("publicAccessBlock", "")], bucket: bucket)
                let flags = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
                return .object([("PublicAccessBlockConfiguration", .object(flags.map { ($0, .bool(tree[$0]?.text == "true")) }))])
            },
            Call(file: "\(bucket).get-bucket-encryption.json", command: "aws s3api get-bucket-encryption --bucket \(bucket)") { [client] in
                let tree = try await client.restXML(.getBucketEncryption, query: [.init("encryption", "")], bucket: bucket)
                let rules = tree.children.filter { $0.name == "Rule" }.map { rule -> JSONOutput in
                    let defaults = rule["ApplyServerSideEncryptionByDefault"]
                    var members: [(String, JSONOutput)] = [("SSEAlgorithm", .string(defaults?["SSEAlgorithm"]?.text ?? ""))]
                    if let key = defaults?["KMSMasterKeyID"]?.text { members.append(("KMSMasterKeyID", .string(key))) }
                    return .object([("ApplyServerSideEncryptionByDefault", .object(members))])
                }
                return .object([("ServerSideEncryptionConfiguration", .object([("Rules", .array(rules))]))])
            },
        ]
    }

    func domainCalls() -> [Call] {
        [Call(file: "describe-domains.json", command: "aws opensearch describe-domains") { [client] in
            let names = try await client.restJSON(.listDomainNames, method: "GET", path: "/2021-01-01/domain")
            let all = (names["DomainNames"]?.arrayValue ?? []).compactMap { $0["DomainName"]?.stringValue }.sorted()
            var statuses: [JSONOutput] = []
            // DescribeDomains takes at most five names.
            for start in stride(from: 0, to: all.count, by: 5) {
                let batch = Array(all[start..<min(start + 5, all.count)])
                let described = try await client.restJSON(.describeDomains, method: "POST", path: "/2021-01-01/opensearch/domain-info",
                                                          body: .object([("DomainNames", .array(batch.map(JSONOutput.string)))]))
                statuses += (described["DomainStatusList"]?.arrayValue ?? []).map(JSONOutput.init)
            }
            return .object([("DomainStatusList", .array(statuses))])
        }]
    }

    func identityPoolCalls() async throws -> [Call] {
        let listed = try await client.listItems(.listIdentityPools, [("MaxResults", .int(60))], list: "IdentityPools")
        let pools = listed.compactMap { entry in
            entry["IdentityPoolId"]?.stringValue.map { (id: $0, name: entry["IdentityPoolName"]?.stringValue ?? $0) }
        }
        return pools.flatMap { pool in [
            Call(file: "\(pool.name).describe-identity-pool.json", command: "aws cognito-identity describe-identity-pool --identity-pool-id \(pool.id)") { [client] in
                JSONOutput(try await client.json(.describeIdentityPool, .object([("IdentityPoolId", .string(pool.id))])))
            },
            Call(file: "\(pool.name).get-identity-pool-roles.json", command: "aws cognito-identity get-identity-pool-roles --identity-pool-id \(pool.id)") { [client] in
                JSONOutput(try await client.json(.getIdentityPoolRoles, .object([("IdentityPoolId", .string(pool.id))])))
            },
        ] }
    }

    /// Every page of `GetAccountAuthorizationDetails` (`Marker`/`IsTruncated`), merged into the
    /// JSON the CLI prints.
    static func authorizationDetails(_ client: AWSClient) async throws -> JSONOutput {
        let lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"]
        var merged: [String: [JSONOutput]] = [:]
        var marker: String?
        repeat {
            let page = try await client.query(.getAccountAuthorizationDetails, marker.map { [.init("Marker", $0)] } ?? [])
            guard let result = page["GetAccountAuthorizationDetailsResult"] else { break }
            for list in lists {
                if case .array(let items)? = result[list].map(QueryXMLConversion.json) { merged[list, default: []] += items }
            }
            marker = result["IsTruncated"]?.text == "true" ? result["Marker"]?.text : nil
        } while marker != nil
        return .object(lists.map { ($0, .array(merged[$0] ?? [])) })
    }

    // MARK: Running and saving

    /// Runs the calls, at most `concurrency` at once, saving each output; the failures, in order.
    func run(_ calls: [Call]) async -> [Failure] {
        var failures: [Failure] = []
        var done = 0
        await withTaskGroup(of: (Int, Result<JSONOutput?, any Error>).self) { group in
            var next = 0
            func start() {
                guard next < calls.count else { return }
                let index = next
                next += 1
                group.addTask {
                    do {
                        return (index, .success(try await calls[index].run()))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<concurrency { start() }
            var results: [(Int, Result<JSONOutput?, any Error>)] = []
            while let result = await group.next() {
                results.append(result)
                done += 1
                progress("fetched \(done) of \(calls.count)")
                start()
            }
            for (index, result) in results.sorted(by: { $0.0 < $1.0 }) {
                switch result {
                case .success(nil):
                    try? FileManager.default.removeItem(atPath: path(calls[index].file))
                case .success(let output?):
                    do {
                        try save(output, as: calls[index].file)
                    } catch {
                        failures.append(Failure(command: calls[index].command, error: "could not write \(calls[index].file)"))
                    }
                case .failure(let error):
                    failures.append(Failure(command: calls[index].command, error: Self.message(error)))
                }
            }
        }
        return failures
    }

    /// What a failure says: an `AWSCallError`'s description, which holds no secret.
    static func message(_ error: any Error) -> String {
        (error as? AWSCallError)?.description ?? "the call failed (\(type(of: error)))"
    }

    /// A file this run saved, read back; nil when the call failed.
    func saved(_ file: String) -> JSONNode? {
        try? JSONReader.parse(bytes: SourceFile.bytes(path(file)))
    }

    func path(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }

    /// Written whole to a temporary file and moved into place, so no reader sees half a file. A
    /// name the service gave (a pipeline's, a key's) never leaves the directory.
    func save(_ output: JSONOutput, as file: String) throws {
        guard !file.contains("/"), !file.hasPrefix("."), !file.contains("\u{0}") else { throw CocoaError(.fileWriteInvalidFileName) }
        let target = URL(fileURLWithPath: path(file))
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(file).partial")
        try Data((output.rendered() + "\n").utf8).write(to: temporary)
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: temporary, to: target)
    }
}
