import Foundation
import PipelineParsing
import PolicyModel
import PolicyParsing

/// Fetches what `audit --snapshot` reads, live, and saves it as the AWS CLI prints it: the same
/// file names and JSON shapes, so every live audit can be replayed and diffed offline. Pipelines
/// first; then the tables and buckets their configurations name, the domains and identity pools
/// of the region, the keys those use, and the account's IAM. A call that fails for good is
/// recorded in `fetch-errors.json` (which the reader turns into `unknown` with the error) and the
/// rest still runs; calls run at most `concurrency` at a time.
package struct AccountFetcher: Sendable {
    package struct Failure: Sendable, Hashable {
        /// The CLI command that would print the output (`aws osis get-pipeline --pipeline-name p`).
        package var command: String
        package var error: String
    }

    let client: AWSClient
    let directory: String
    let concurrency: Int
    let progress: @Sendable (String) -> Void

    package init(client: AWSClient, directory: String, concurrency: Int = 4, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.client = client
        self.directory = directory
        self.concurrency = max(1, concurrency)
        self.progress = progress
    }

    /// One output to fetch: the file it goes to, the CLI command it stands for, and how.
    struct Call: Sendable {
        var file: String
        var command: String
        var run: @Sendable () async throws -> JSONOutput
    }

    package func fetch() async throws -> [Failure] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var failures: [Failure] = []
        // Pipelines first: their configurations name the tables and buckets to read.
        failures += await run([Call(file: "list-pipelines.json", command: "aws osis list-pipelines") { [client] in
            JSONOutput(try await client.restJSON(.osis, "ListPipelines", method: "GET", path: "/2022-01-01/osis/listPipelines"))
        }])
        let listed = try? JSONReader.parse(bytes: SourceFile.bytes(path("list-pipelines.json")))
        let names = (listed?["Pipelines"]?.arrayValue ?? []).compactMap { $0["PipelineName"]?.stringValue }
        var tables = Set<String>()
        var buckets = Set<String>()
        var pipelineCalls: [Call] = []
        for name in names {
            pipelineCalls.append(Call(file: "\(name).get-pipeline.json", command: "aws osis get-pipeline --pipeline-name \(name)") { [client] in
                JSONOutput(try await client.restJSON(.osis, "GetPipeline", method: "GET", path: "/2022-01-01/osis/getPipeline/\(name)"))
            })
        }
        failures += await run(pipelineCalls)
        for name in names {
            guard let node = try? JSONReader.parse(bytes: SourceFile.bytes(path("\(name).get-pipeline.json"))),
                  let body = node["Pipeline"]?["PipelineConfigurationBody"]?.stringValue,
                  let configuration = try? PipelineConfiguration.parse(text: body, file: name) else { continue }
            for source in configuration.dynamoDBSources {
                for table in source.tables {
                    tables.insert(String(table.tableARN.value.split(separator: "/").dropFirst().first ?? ""))
                    if let bucket = table.export?.s3Bucket?.value { buckets.insert(bucket) }
                }
            }
            for sink in configuration.openSearchSinks { if let bucket = sink.deadLetterQueue?.bucket?.value { buckets.insert(bucket) } }
        }
        tables.remove("")
        var calls: [Call] = []
        for table in tables.sorted() {
            calls.append(Call(file: "\(table).describe-table.json", command: "aws dynamodb describe-table --table-name \(table)") { [client] in
                JSONOutput(try await client.json(.dynamoDB, "DescribeTable", .object([("TableName", .string(table))])))
            })
            calls.append(Call(file: "\(table).describe-continuous-backups.json", command: "aws dynamodb describe-continuous-backups --table-name \(table)") { [client] in
                JSONOutput(try await client.json(.dynamoDB, "DescribeContinuousBackups", .object([("TableName", .string(table))])))
            })
        }
        for bucket in buckets.sorted() { calls += bucketCalls(bucket) }
        calls += try await domainCalls()
        calls += try await identityPoolCalls()
        calls.append(Call(file: "get-account-authorization-details.json", command: "aws iam get-account-authorization-details") { [client] in
            try await Self.authorizationDetails(client)
        })
        failures += await run(calls)
        if !failures.isEmpty {
            try save(.object([("AccessGraphFetchErrors", .array(failures.map { .object([("command", .string($0.command)), ("error", .string($0.error))]) }))]),
                     as: "fetch-errors.json")
        }
        return failures
    }

    // MARK: Calls

    func bucketCalls(_ bucket: String) -> [Call] {
        [
            Call(file: "\(bucket).get-bucket-policy.json", command: "aws s3api get-bucket-policy --bucket \(bucket)") { [client] in
                do {
                    let response = try await client.send(.s3, operation: "GetBucketPolicy", method: "GET", path: "/", query: [.init("policy", "")], bucket: bucket)
                    return .object([("Policy", .string(String(decoding: response.body, as: UTF8.self)))])
                } catch let error as AWSCallError where error.code == "NoSuchBucketPolicy" {
                    return .object([])
                }
            },
            Call(file: "\(bucket).get-public-access-block.json", command: "aws s3api get-public-access-block --bucket \(bucket)") { [client] in
                let tree = try client.parsedXML(
                    try await client.send(.s3, operation: "GetPublicAccessBlock", method: "GET", path: "/", query: [.init("publicAccessBlock", "")], bucket: bucket),
                    service: .s3, operation: "GetPublicAccessBlock")
                let flags = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
                return .object([("PublicAccessBlockConfiguration", .object(flags.map { ($0, .bool(tree[$0]?.text == "true")) }))])
            },
            Call(file: "\(bucket).get-bucket-encryption.json", command: "aws s3api get-bucket-encryption --bucket \(bucket)") { [client] in
                let tree = try client.parsedXML(
                    try await client.send(.s3, operation: "GetBucketEncryption", method: "GET", path: "/", query: [.init("encryption", "")], bucket: bucket),
                    service: .s3, operation: "GetBucketEncryption")
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

    func domainCalls() async throws -> [Call] {
        [Call(file: "describe-domains.json", command: "aws opensearch describe-domains") { [client] in
            let names = try await client.restJSON(.openSearch, "ListDomainNames", method: "GET", path: "/2021-01-01/domain")
            let all = (names["DomainNames"]?.arrayValue ?? []).compactMap { $0["DomainName"]?.stringValue }.sorted()
            var statuses: [JSONOutput] = []
            // DescribeDomains takes at most five names.
            for start in stride(from: 0, to: all.count, by: 5) {
                let batch = Array(all[start..<min(start + 5, all.count)])
                let described = try await client.restJSON(.openSearch, "DescribeDomains", method: "POST", path: "/2021-01-01/opensearch/domain-info",
                                                          body: .object([("DomainNames", .array(batch.map(JSONOutput.string)))]))
                statuses += (described["DomainStatusList"]?.arrayValue ?? []).map(JSONOutput.init)
            }
            return .object([("DomainStatusList", .array(statuses))])
        }]
    }

    func identityPoolCalls() async throws -> [Call] {
        var pools: [(id: String, name: String)] = []
        var token: String?
        repeat {
            var body: [(String, JSONOutput)] = [("MaxResults", .int(60))]
            if let token { body.append(("NextToken", .string(token))) }
            guard let page = try? await client.json(.cognitoIdentity, "ListIdentityPools", .object(body)) else { break }
            pools += (page["IdentityPools"]?.arrayValue ?? []).compactMap { entry in
                entry["IdentityPoolId"]?.stringValue.map { ($0, entry["IdentityPoolName"]?.stringValue ?? $0) }
            }
            token = page["NextToken"]?.stringValue
        } while token != nil
        return pools.flatMap { pool in [
            Call(file: "\(pool.name).describe-identity-pool.json", command: "aws cognito-identity describe-identity-pool --identity-pool-id \(pool.id)") { [client] in
                JSONOutput(try await client.json(.cognitoIdentity, "DescribeIdentityPool", .object([("IdentityPoolId", .string(pool.id))])))
            },
            Call(file: "\(pool.name).get-identity-pool-roles.json", command: "aws cognito-identity get-identity-pool-roles --identity-pool-id \(pool.id)") { [client] in
                JSONOutput(try await client.json(.cognitoIdentity, "GetIdentityPoolRoles", .object([("IdentityPoolId", .string(pool.id))])))
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
            let page = try await client.query(.iam, "GetAccountAuthorizationDetails", marker.map { [.init("Marker", $0)] } ?? [])
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
        await withTaskGroup(of: (Int, Result<JSONOutput, AWSCallError>).self) { group in
            var next = 0
            func start() {
                guard next < calls.count else { return }
                let index = next
                next += 1
                group.addTask {
                    do {
                        return (index, .success(try await calls[index].run()))
                    } catch let error as AWSCallError {
                        return (index, .failure(error))
                    } catch {
                        return (index, .failure(AWSCallError(service: "", operation: calls[index].command, code: nil, message: "\(error)", status: nil, attempts: 1)))
                    }
                }
            }
            for _ in 0..<concurrency { start() }
            var results: [(Int, Result<JSONOutput, AWSCallError>)] = []
            while let result = await group.next() {
                results.append(result)
                done += 1
                progress("fetched \(done) of \(calls.count)")
                start()
            }
            for (index, result) in results.sorted(by: { $0.0 < $1.0 }) {
                switch result {
                case .success(let output):
                    do {
                        try save(output, as: calls[index].file)
                    } catch {
                        failures.append(Failure(command: calls[index].command, error: "could not write \(calls[index].file)"))
                    }
                case .failure(let error):
                    failures.append(Failure(command: calls[index].command, error: error.description))
                }
            }
        }
        return failures
    }

    func path(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }

    /// Written whole to a temporary file and moved into place, so no reader sees half a file.
    func save(_ output: JSONOutput, as file: String) throws {
        let target = URL(fileURLWithPath: path(file))
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(file).partial")
        try Data((output.rendered() + "\n").utf8).write(to: temporary)
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: temporary, to: target)
    }
}
