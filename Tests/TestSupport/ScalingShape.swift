import AccessInventory
import Foundation
import PipelineParsing
import PolicyLint
import PolicyModel
import SafeYAML
import ServiceCatalog
import TemplateParsing

/// An input whoever writes it can grow, and the work AccessGraph does on it: the shapes whose cost
/// must stay near-linear (README, "Benchmarks"). The scaling tier (`ScalingTests`) times each at N
/// and 8N in the debug build; `accessgraph-bench scaling` prints the figures in release.
package struct ScalingShape: Sendable, CustomStringConvertible {
    package typealias Work = @Sendable () throws -> Void

    package var name: String
    /// What a size counts.
    package var unit: String
    /// N for the tests: 8N runs in a tenth of a second or so in a debug build.
    package var testSize: Int
    /// N for the benchmark: 8N is the size the hostile-input report measured.
    package var benchmarkSize: Int
    /// Builds the input for a size (not timed) and returns the work, which checks its own result,
    /// so a fast wrong answer fails rather than passes.
    package var prepare: @Sendable (_ size: Int) throws -> Work

    package var description: String { name }

    package init(name: String, unit: String, testSize: Int, benchmarkSize: Int, prepare: @escaping @Sendable (_ size: Int) throws -> Work) {
        self.name = name
        self.unit = unit
        self.testSize = testSize
        self.benchmarkSize = benchmarkSize
        self.prepare = prepare
    }

    /// The shapes of issue 7's hostile inputs, in its order.
    package static let all: [ScalingShape] = [
        wildcardLiteralPiece, wildcardQuestionPiece, fnSubReferences, lintActions, lintResources, lintConditionKeys,
        snapshotRolesAndPolicies, yamlAliasKeyBomb, yamlAliasExpansion,
    ]

    /// The best of `runs` timings (processor seconds) at N and at 8N, the two sizes alternating so
    /// that a busy moment on a shared machine does not fall on one size only.
    package func times(size: Int, runs: Int) throws -> (small: Double, large: Double) {
        let small = try prepare(size)
        let large = try prepare(size * 8)
        var best = (small: Double.infinity, large: Double.infinity)
        for _ in 0..<runs {
            best.small = min(best.small, try Self.seconds(small))
            best.large = min(best.large, try Self.seconds(large))
        }
        return best
    }

    /// The processor time the calling thread spends on `work`, in seconds: unlike the wall clock,
    /// it does not count the time other processes on a shared machine hold the cores.
    package static func seconds(_ work: Work) throws -> Double {
        let start = threadProcessorTime()
        try work()
        return threadProcessorTime() - start
    }

    static func threadProcessorTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    package struct UnexpectedResult: Error, CustomStringConvertible {
        package var description: String
    }

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw UnexpectedResult(description: message()) }
    }

    // MARK: Wildcards

    /// A `Resource` pattern with one long literal piece (`a…ab`) between stars, against an S3 ARN of
    /// four times as many `a`s: a naive search compares the piece at every offset.
    package static let wildcardLiteralPiece = ScalingShape(
        name: "wildcard, literal piece vs 4x ARN", unit: "piece characters", testSize: 3_750, benchmarkSize: 3_750
    ) { size in
        let pattern = try compiledResource("arn:aws:s3:::*" + String(repeating: "a", count: size - 1) + "b*")
        let arn = SplitARN("arn:aws:s3:::" + String(repeating: "a", count: size * 4))
        return { try expect(!pattern.matches(arn), "the piece ends in `b`, which the ARN lacks") }
    }

    /// A piece of 1,000 characters with a `?` in the middle (Shift-And over 16 words), against ARNs
    /// of growing length: linear in the ARN for a given piece.
    package static let wildcardQuestionPiece = ScalingShape(
        name: "wildcard, 1,000-character piece with ? vs ARN", unit: "ARN characters", testSize: 4_000, benchmarkSize: 15_000
    ) { size in
        let piece = String(repeating: "a", count: 499) + "?" + String(repeating: "a", count: 499) + "b"
        let pattern = try compiledResource("arn:aws:s3:::*" + piece + "*")
        let arn = SplitARN("arn:aws:s3:::" + String(repeating: "a", count: size))
        return { try expect(!pattern.matches(arn), "the piece ends in `b`, which the ARN lacks") }
    }

    /// Not in the tier: a piece with `?` growing with the ARN (4x its length), whose cost grows as
    /// their product / 64. For the benchmark's figure at the report's size, 30,000 against 120,000.
    package static let wildcardQuestionPieceAndARN = ScalingShape(
        name: "wildcard, piece with ? vs 4x ARN (not linear)", unit: "piece characters", testSize: 500, benchmarkSize: 3_750
    ) { size in
        let piece = String(repeating: "a", count: size / 2) + "?" + String(repeating: "a", count: size - size / 2 - 2) + "b"
        let pattern = try compiledResource("arn:aws:s3:::*" + piece + "*")
        let arn = SplitARN("arn:aws:s3:::" + String(repeating: "a", count: size * 4))
        return { try expect(!pattern.matches(arn), "the piece ends in `b`, which the ARN lacks") }
    }

    static func compiledResource(_ text: String) throws -> ARNPattern {
        guard let compiled = ResourcePattern(text, variablesEnabled: true).compiled else {
            throw UnexpectedResult(description: "the resource pattern did not compile")
        }
        return compiled
    }

    // MARK: Templates

    /// One bucket whose name is an `Fn::Sub` of `size` references to `AWS::Region`.
    package static let fnSubReferences = ScalingShape(
        name: "Fn::Sub references", unit: "references", testSize: 5_000, benchmarkSize: 25_000
    ) { size in
        let template = #"{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": ""#
            + String(repeating: "${AWS::Region}-", count: size) + #""}}}}}"#
        let bytes = Array(template.utf8)
        let context = TemplateContext(account: "123456789012", region: "us-east-1")
        return {
            let loaded = try CloudFormationTemplate.load(bytes: bytes, file: "sub.json", context: context)
            let name = loaded.resource("B")?.ref ?? ""
            try expect(name.utf8.count == size * "us-east-1-".utf8.count, "the bucket name has \(name.utf8.count) bytes")
        }
    }

    // MARK: Lint

    /// One statement listing `size` actions, eight S3 names over and over, then `s3:Get*`: every
    /// entry is redundant but the first of the five names `s3:Get*` does not cover, and `s3:Get*`.
    package static let lintActions = ScalingShape(
        name: "lint, actions per statement", unit: "actions", testSize: 1_000, benchmarkSize: 2_500
    ) { size in
        let names = ["GetObject", "PutObject", "ListBucket", "DeleteObject", "GetObjectAcl", "PutObjectAcl", "GetBucketPolicy", "ListBucketVersions"]
        let actions = (0..<size).map { "\"s3:\(names[$0 % names.count])\"" }.joined(separator: ",")
        return try lintWork(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["#
            + actions + #", "s3:Get*"], "Resource": "*"}]}"#, code: "lint.redundant-action", expected: size - 5)
    }

    /// One statement with `size` S3 actions (eight names over and over) and `size` condition keys
    /// no S3 action supports: every key is reported.
    package static let lintConditionKeys = ScalingShape(
        name: "lint, actions x condition keys", unit: "actions and keys", testSize: 125, benchmarkSize: 1_000
    ) { size in
        let names = ["GetObject", "PutObject", "ListBucket", "DeleteObject", "GetObjectAcl", "PutObjectAcl", "GetBucketPolicy", "ListBucketVersions"]
        let actions = (0..<size).map { "\"s3:\(names[$0 % names.count])\"" }.joined(separator: ",")
        let keys = (0..<size).map { "\"s3:customkey\($0)\": \"x\"" }.joined(separator: ",")
        return try lintWork(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["#
            + actions + #"], "Resource": "*", "Condition": {"StringEquals": {"# + keys + "}}}]}",
            code: "lint.unsupported-condition-key", expected: size)
    }

    /// One statement listing `size` object ARNs and `arn:aws:s3:::b/*`, which covers them all.
    package static let lintResources = ScalingShape(
        name: "lint, resources per statement", unit: "resources", testSize: 250, benchmarkSize: 2_500
    ) { size in
        let resources = (0..<size).map { "\"arn:aws:s3:::b/key\($0)\"" }.joined(separator: ",")
        return try lintWork(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["#
            + resources + #", "arn:aws:s3:::b/*"]}]}"#, code: "lint.redundant-resource", expected: size)
    }

    static func lintWork(_ policy: String, code: String, expected: Int) throws -> Work {
        let linter = PolicyLinter(catalogue: try ServiceCatalogue.embedded())
        let bytes = Array(policy.utf8)
        return {
            let found = linter.lint(bytes: bytes, file: "policy.json", type: .identity).filter { $0.code == code }.count
            try expect(found == expected, "\(found) `\(code)` findings, expected \(expected)")
        }
    }

    // MARK: Account snapshots

    /// `size` roles, each attached to its own customer managed policy (`size` policies).
    package static let snapshotRolesAndPolicies = ScalingShape(
        name: "snapshot, roles x managed policies", unit: "roles and policies", testSize: 125, benchmarkSize: 2_500
    ) { size in
        let trust = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#
        let document = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#
        let roles = (0..<size).map { index in
            #"{"RoleName": "r\#(index)", "Arn": "arn:aws:iam::123456789012:role/r\#(index)", "Path": "/", "AssumeRolePolicyDocument": \#(trust), "#
                + #""RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "p\#(index)", "PolicyArn": "arn:aws:iam::123456789012:policy/p\#(index)"}]}"#
        }
        let policies = (0..<size).map { index in
            #"{"PolicyName": "p\#(index)", "Arn": "arn:aws:iam::123456789012:policy/p\#(index)", "Path": "/", "DefaultVersionId": "v1", "#
                + #""PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": \#(document)}]}"#
        }
        let snapshot = #"{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": ["# + roles.joined(separator: ",")
            + #"], "Policies": ["# + policies.joined(separator: ",") + "]}"
        let input = StackInput(snapshot: .bytes(Array(snapshot.utf8), name: "account.json"))
        let catalogue = try ServiceCatalogue.embedded()
        return {
            let inventory = try StackLoader.load(input, catalogue: catalogue)
            let resolved = inventory.principals.filter { $0.unresolved.isEmpty && $0.policies.count == 1 }.count
            try expect(resolved == size, "\(resolved) of \(size) roles have their managed policy")
        }
    }

    // MARK: YAML

    /// A pipeline configuration of `size` ordinary keys, then fifteen levels of doubling aliases
    /// used as a mapping key (2^15 copies if a reader expanded it to compare keys; 53 s before the
    /// key check): refused at the key, before composing.
    package static let yamlAliasKeyBomb = ScalingShape(
        name: "pipeline YAML alias-key bomb", unit: "lines before the bomb", testSize: 2_000, benchmarkSize: 5_000
    ) { size in
        let text = ((0..<size).map { "key\($0): value \($0)" } + aliasLevels(15, width: 2) + ["*a15 : boom"]).joined(separator: "\n") + "\n"
        return {
            do {
                _ = try PipelineConfiguration.parse(text: text, file: "pipeline.yaml")
                try expect(false, "the bomb was read")
            } catch let error as DiagnosticError {
                let codes = error.diagnostics.map(\.code)
                try expect(codes == ["pipeline.unsupported-yaml"], "refused with \(codes)")
            }
        }
    }

    /// `size` ordinary keys, then nine levels of nine aliases as values (9^9 nodes expanded):
    /// refused once the expansion passes its bound, which is linear in the text.
    package static let yamlAliasExpansion = ScalingShape(
        name: "YAML alias expansion bound", unit: "lines before the bomb", testSize: 500, benchmarkSize: 20_000
    ) { size in
        yamlRefusal(padding: size, bomb: aliasLevels(9, width: 9), expected: .expansionTooLarge)
    }

    static func aliasLevels(_ levels: Int, width: Int) -> [String] {
        ["a0: &a0 \"\(String(repeating: "lol ", count: 100))\""] + (1...levels).map { level in
            "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ") + "]"
        }
    }

    /// Read as templates are (no alias count limit), so only the expansion bound stops the bomb.
    static func yamlRefusal(padding: Int, bomb: [String], expected: SafeYAMLError.Kind) -> Work {
        let text = ((0..<padding).map { "key\($0): value \($0)" } + bomb).joined(separator: "\n") + "\n"
        let limits = YAMLLimits(maximumBytes: InputLimits.templateBytes, maximumDepth: InputLimits.templateDepth)
        return {
            do {
                _ = try SafeYAML.parse(text, limits: limits)
                try expect(false, "the bomb was read")
            } catch let error as SafeYAMLError {
                try expect(error.kind == expected, "refused as \(error.kind), expected \(expected)")
            }
        }
    }
}
