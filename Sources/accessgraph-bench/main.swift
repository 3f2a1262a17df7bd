// Benchmarks for AccessGraph's core (README, "Benchmarks"). Prints figures; asserts nothing.
// Run in release: `swift run -c release accessgraph-bench [--quick]`, `... accessgraph-bench
// scaling` for the hostile-input shapes at N and 8N, or `... accessgraph-bench account N [N...]` for
// the access graph of generated accounts (AccountBenchmark.swift).
import Foundation
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import ServiceCatalog
import AccessInventory
import PipelineChecks
import PolicyGeneration
import StackDiff
import TemplateParsing
import TestSupport

let quick = CommandLine.arguments.contains("--quick")
let clock = ContinuousClock()

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// Median of `runs` timings of `body`.
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = clock.now
        try body()
        samples.append(milliseconds(clock.now - start))
    }
    samples.sort()
    return samples[samples.count / 2]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("accessgraph-bench: \(message)\n".utf8))
    exit(1)
}

// Subcommands before anything else: a child of `account` must not pay for what follows.
switch CommandLine.arguments.dropFirst().first {
case "account": exit(AccountBenchmark.run(Array(CommandLine.arguments.dropFirst(2))))
case AccountBenchmark.childCommand: exit(AccountBenchmark.child(Array(CommandLine.arguments.dropFirst(2))))
default: break
}

// Scaling: each shape of `ScalingShape` (the scaling test tier's inputs) at N and 8N.
if CommandLine.arguments.contains("scaling") {
    print("AccessGraph scaling: processor time, best of 3; linear work gives 8N/N near 8, quadratic near 64")
    print("shape".padding(toLength: 48, withPad: " ", startingAt: 0) + "       N        8N    time N   time 8N   8N/N")
    func row(_ shape: ScalingShape, size: Int) {
        do {
            let times = try shape.times(size: size, runs: 3)
            print(shape.name.padding(toLength: 48, withPad: " ", startingAt: 0)
                + String(format: "%8d %9d %7.1f ms %7.1f ms %6.1f", size, size * 8, times.small * 1000, times.large * 1000, times.large / times.small))
        } catch {
            fail("\(shape.name): \(error)")
        }
    }
    for shape in ScalingShape.all { row(shape, size: shape.benchmarkSize) }
    // Pieces with `?` cost ARN × piece/64 word operations (`GlobSearch`): growing both is not linear.
    row(ScalingShape.wildcardQuestionPieceAndARN, size: ScalingShape.wildcardQuestionPieceAndARN.benchmarkSize)
    exit(0)
}

print("AccessGraph benchmarks (\(quick ? "quick" : "full") run)")

// 1. Catalogue load: the bundled files read from disk and indexed, as a CLI run does once.
let firstLoadStart = clock.now
let catalogue: ServiceCatalogue
do { catalogue = try ServiceCatalogue.embedded() } catch { fail("catalogue: \(error)") }
let firstLoad = milliseconds(clock.now - firstLoadStart)
print(String(format: "catalogue load (first, embedded):        %8.2f ms  (%@)", firstLoad, catalogue.source.description))

// 2. Parse all AWS managed policies with the positioned reader and the policy parser.
let names = catalogue.managedPolicyNames
let documents: [[UInt8]] = names.compactMap { catalogue.managedPolicy(named: $0).map { Array($0.documentJSON.utf8) } }
guard documents.count == names.count, !documents.isEmpty else { fail("managed policies missing from the catalogue") }
let totalBytes = documents.reduce(0) { $0 + $1.count }
var parseFailures = 0
let parseTime = median(runs: quick ? 3 : 9) {
    for document in documents {
        do { _ = try PolicyParser.parse(bytes: document) } catch { parseFailures += 1 }
    }
}
print(String(format: "managed policies parsed:                 %8.2f ms for %d documents (%.1f MB), %.0f documents/s",
             parseTime, documents.count, Double(totalBytes) / 1e6, Double(documents.count) / parseTime * 1000))
if parseFailures > 0 { print("  warning: \(parseFailures) parse failures") }

// 3. Evaluations for the reference stack's pipeline role: its four AWS managed policies (as
//    attached in DashboardStack) plus six more realistic policies, ten in all.
func managed(_ name: String, index: Int) -> NamedPolicy {
    guard let record = catalogue.managedPolicy(named: name) else { fail("no managed policy \(name)") }
    do { return NamedPolicy(id: "identity[\(index)]:\(name)", document: try PolicyParser.parse(record.documentJSON)) } catch {
        fail("\(name): \(error)")
    }
}
let pipelinePolicies = ["AmazonDynamoDBFullAccess", "AmazonOpenSearchServiceFullAccess", "AmazonS3FullAccess", "AmazonOpenSearchIngestionFullAccess"]
let extraPolicies = ["CloudWatchLogsFullAccess", "AmazonSQSFullAccess", "AmazonSNSFullAccess", "AmazonKinesisReadOnlyAccess",
                     "AWSKeyManagementServicePowerUser", "AmazonEC2ReadOnlyAccess"]
let identity = (pipelinePolicies + extraPolicies).enumerated().map { managed($0.element, index: $0.offset) }
let domainPolicy: NamedPolicy
do {
    domainPolicy = NamedPolicy(id: "resource", document: try PolicyParser.parse("""
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/OpenSearchIngestionRole"},
      "Action": "es:ESHttp*", "Resource": "arn:aws:es:us-east-1:123456789012:domain/zero-etl/*"}]}
    """))
} catch { fail("domain policy: \(error)") }
let statementCount = identity.reduce(0) { $0 + $1.document.statements.count }

let principal = RequestPrincipal("arn:aws:sts::123456789012:assumed-role/OpenSearchIngestionRole/osis-session")
let table = "arn:aws:dynamodb:us-east-1:123456789012:table/zero-etl-table"
let context = RequestContext(["aws:SecureTransport": .single("true"), "aws:PrincipalArn": .single("arn:aws:iam::123456789012:role/OpenSearchIngestionRole")])
func request(_ action: String, _ resource: String) -> AuthorizationRequest {
    AuthorizationRequest(principal: principal, action: action, resource: resource, resourceAccount: "123456789012", context: context)
}
let pipelineRequests = [
    request("dynamodb:DescribeTable", table),
    request("dynamodb:DescribeContinuousBackups", table),
    request("dynamodb:ExportTableToPointInTime", table),
    request("dynamodb:DescribeExport", table + "/export/01700000000000-abcdef"),
    request("dynamodb:DescribeStream", table + "/stream/2026-01-01T00:00:00.000"),
    request("dynamodb:GetRecords", table + "/stream/2026-01-01T00:00:00.000"),
    request("dynamodb:GetShardIterator", table + "/stream/2026-01-01T00:00:00.000"),
    request("s3:GetObject", "arn:aws:s3:::export-bucket/export/data.json.gz"),
    request("s3:PutObject", "arn:aws:s3:::export-bucket/export/data.json.gz"),
    request("s3:AbortMultipartUpload", "arn:aws:s3:::export-bucket/export/data.json.gz"),
    request("s3:PutObjectAcl", "arn:aws:s3:::export-bucket/export/data.json.gz"),
    request("es:DescribeDomain", "arn:aws:es:us-east-1:123456789012:domain/zero-etl"),
    request("es:ESHttpPost", "arn:aws:es:us-east-1:123456789012:domain/zero-etl/_bulk"),
    request("es:ESHttpPut", "arn:aws:es:us-east-1:123456789012:domain/zero-etl/index"),
]
let deniedRequests = [
    request("iam:CreateUser", "arn:aws:iam::123456789012:user/eve"),
    request("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:f"),
]
let authorizer = Authorizer()
let policySet = PolicySet(identity: identity, resource: domainPolicy)
for item in pipelineRequests {
    let decision = authorizer.authorize(item, policies: policySet).decision
    if decision != .allow { fail("pipeline request \(item.action) on \(item.resource) is \(decision.rawValue)") }
}

func throughput(_ requests: [AuthorizationRequest], policies: PolicySet, iterations: Int) -> Double {
    var allowed = 0
    let elapsed = median(runs: quick ? 3 : 5) {
        for _ in 0..<iterations {
            for item in requests where authorizer.authorize(item, policies: policies).decision == .allow { allowed += 1 }
        }
    }
    if allowed < 0 { print(allowed) }  // keeps the work observable
    return Double(iterations * requests.count) / elapsed * 1000
}
let iterations = quick ? 2_000 : 20_000
// The pipeline role exactly as DashboardStack attaches it: four AWS managed policies.
let pipelineRoleSet = PolicySet(identity: Array(identity.prefix(pipelinePolicies.count)), resource: domainPolicy)
let pipelineStatements = pipelineRoleSet.identity.reduce(0) { $0 + $1.document.statements.count }
let roleRate = throughput(pipelineRequests, policies: pipelineRoleSet, iterations: iterations)
print(String(format: "evaluations, reference pipeline role:    %10.0f requests/s on one core (%d policies, %d statements)",
             roleRate, pipelineRoleSet.identity.count, pipelineStatements))
let allowRate = throughput(pipelineRequests, policies: policySet, iterations: iterations)
print(String(format: "evaluations, 10 attached policies:       %10.0f requests/s on one core (%d policies, %d statements)",
             allowRate, identity.count, statementCount))
if CommandLine.arguments.contains("--allow-only") { exit(0) }

// 4. `accessgraph check` on the reference template: load and resolve the template, build the
//    stack, run the six checks and the findings (the catalogue is already loaded, as above).
let seedStack = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("AccessGraphCLI/Resources/seed-stack/DashboardStack.123456789012-us-east-1.template.json")
guard let templateData = FileManager.default.contents(atPath: seedStack.path) else { fail("reference template not found at \(seedStack.path)") }
let templateBytes = [UInt8](templateData)
var checkFailures = 0
let checkTime = try median(runs: quick ? 3 : 11) {
    let input = StackInput(template: .bytes(templateBytes, name: "reference"), context: TemplateContext(account: "123456789012", region: "us-east-1"))
    let report = StackAnalyzer.analyze(try StackLoader.load(input, catalogue: catalogue), catalogue: catalogue)
    if report.checks.contains(where: { $0.status != .pass }) { checkFailures += 1 }
}
print(String(format: "check on the reference template:         %8.2f ms (template, checks, findings; catalogue loaded)", checkTime))
if checkFailures > 0 { print("  warning: reference checks did not all pass") }

// 5. `accessgraph generate` on the reference template: the documents and their whole proof
//    (every request, every removal, the checks with the documents in place), from the loaded stack.
let referenceInventory = try StackLoader.load(StackInput(template: .bytes(templateBytes, name: "reference"),
                                                         context: TemplateContext(account: "123456789012", region: "us-east-1")), catalogue: catalogue)
var proofFailures = 0
let generateTime = try median(runs: quick ? 3 : 11) {
    let generated = try PolicyGenerator.generate(referenceInventory, stackName: "DashboardStack")
    proofFailures = try GenerationProof.prove(generated, inventory: referenceInventory, catalogue: catalogue).1.count
}
print(String(format: "generate with its proof (reference):     %8.2f ms (documents, every request and removal, the checks)", generateTime))
if proofFailures > 0 { print("  warning: the reference documents did not pass their proof") }

// 6. `accessgraph diff` of two versions of the reference stack: the template against the same
//    template with the generated least-privilege documents in place (many documents and edges
//    change), each side loaded, checked and graphed, then compared (catalogue loaded).
let referenceContext = TemplateContext(account: "123456789012", region: "us-east-1")
let patchedBytes: [UInt8]
do {
    let generated = try PolicyGenerator.generate(referenceInventory, stackName: "DashboardStack")
    patchedBytes = Array(try TemplatePatcher.patch(bytes: templateBytes, file: "reference", context: referenceContext, stack: generated).utf8)
} catch { fail("patched reference template: \(error)") }
func diffSide(_ bytes: [UInt8], _ name: String) throws -> StackDiff.Side {
    let inventory = try StackLoader.load(StackInput(template: .bytes(bytes, name: name), context: referenceContext), catalogue: catalogue)
    return StackDiff.Side.analyze(inventory, name: name, catalogue: catalogue)
}
var diffSize = (changes: 0, policies: 0)
let diffTime = try median(runs: quick ? 3 : 11) {
    let diff = StackDiff.compare(base: try diffSide(templateBytes, "reference"), head: try diffSide(patchedBytes, "patched"), catalogue: catalogue)
    diffSize = (diff.gained.count + diff.lost.count, diff.policies.count)
}
let (baseSide, headSide) = (try diffSide(templateBytes, "reference"), try diffSide(patchedBytes, "patched"))
let compareTime = median(runs: quick ? 3 : 11) { _ = StackDiff.compare(base: baseSide, head: headSide, catalogue: catalogue) }
print(String(format: "diff of the reference and its patch:     %8.2f ms (both sides loaded, checked, graphed, compared: %.2f ms; %d access changes, %d policies)",
             diffTime, compareTime, diffSize.changes, diffSize.policies))

let denyRate = throughput(deniedRequests, policies: policySet, iterations: iterations / 10)
print(String(format: "evaluations, implicit deny + explanation: %10.0f requests/s on one core", denyRate))
