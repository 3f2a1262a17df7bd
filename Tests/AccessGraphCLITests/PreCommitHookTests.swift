import Foundation
import TestSupport
import Testing

/// The repository's `.pre-commit-hooks.yaml`, run by the `pre-commit` tool from PyPI in a
/// throwaway git repository, as a project that uses the hook runs it: a commit of a template that
/// passes `accessgraph check` goes through, one that fails is refused with accessgraph's report.
/// Hermetic: the hook repository is a local copy of this one's hook files, the git and pre-commit
/// settings live in the test's directory, and nothing is fetched.
@Suite struct PreCommitHookTests {
    /// `pre-commit` on PATH, or where `.ci/run` installs it.
    static var preCommit: URL? {
        Executable.onPath("pre-commit") ?? [Repository.url(".build/pre-commit/bin/pre-commit")].first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static var git: URL? { Executable.onPath("git") }
    static var accessgraphBinary: URL? { Executable.built("accessgraph") }

    static var canRun: Bool { preCommit != nil && git != nil && accessgraphBinary != nil && Executable.onPath("bash") != nil }

    /// Runs `git` or `pre-commit` in `directory` with the test's own home, settings and cache.
    static func run(_ tool: URL, _ arguments: [String], in directory: String, home: String) throws -> (status: Int32, output: String) {
        try Executable.run(tool, arguments, in: directory, environment: [
            "HOME": home, "XDG_CONFIG_HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": home + "/gitconfig",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
            "PRE_COMMIT_HOME": home + "/pre-commit-cache", "ACCESSGRAPH": accessgraphBinary?.path, "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1",
        ])
    }

    @Test(.enabled(if: canRun, "needs `pre-commit` (pip install pre-commit; .ci/run installs it into .build/pre-commit), git, bash and the built accessgraph"))
    func aPassingTemplateCommitsAndAFailingOneIsRefused() throws {
        let (preCommit, git) = (try #require(Self.preCommit), try #require(Self.git))
        let directory = try TemporaryDirectory()
        let home = directory.path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "[init]\n\tdefaultBranch = main\n".write(toFile: home + "/gitconfig", atomically: true, encoding: .utf8)
        func succeed(_ tool: URL, _ arguments: [String], in path: String) throws {
            let result = try Self.run(tool, arguments, in: path, home: home)
            try #require(result.status == 0, "\(tool.lastPathComponent) \(arguments.joined(separator: " ")): \(result.output)")
        }

        // The hook repository: this checkout's hook files, committed.
        let hooks = directory.path + "/hooks"
        let script = ".ci/accessgraph-pre-commit"
        try directory.write("hooks/.pre-commit-hooks.yaml", String(contentsOf: Repository.url(".pre-commit-hooks.yaml"), encoding: .utf8))
        try directory.write("hooks/\(script)", String(contentsOf: Repository.url(script), encoding: .utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks + "/" + script)
        try succeed(git, ["init", "--quiet"], in: hooks)
        try succeed(git, ["add", "."], in: hooks)
        try succeed(git, ["commit", "--quiet", "-m", "hooks"], in: hooks)
        let revision = try Self.run(git, ["rev-parse", "HEAD"], in: hooks, home: home).output.trimmingCharacters(in: .whitespacesAndNewlines)

        // A project that uses the hook, with options for every check.
        let project = directory.path + "/project"
        try directory.write("project/.pre-commit-config.yaml", """
            repos:
              - repo: \(hooks)
                rev: \(revision)
                hooks:
                  - id: accessgraph-check
                    args: [--account, "123456789012", --region, us-east-1, --]

            """)
        try succeed(git, ["init", "--quiet"], in: project)
        try succeed(preCommit, ["install"], in: project)

        // A passing template, and JSON that is no template (the hook must leave it alone).
        try directory.write("project/cdk.out/Orders.template.json", PipelineStack.stack().templateText)
        try directory.write("project/package.json", "{}\n")
        try succeed(git, ["add", "."], in: project)
        let passing = try Self.run(git, ["commit", "-m", "A pipeline stack"], in: project, home: home)
        #expect(passing.status == 0, "\(passing.output)")
        #expect(passing.output.contains("accessgraph check....") && passing.output.contains("Passed"), "\(passing.output)")

        // The pipeline role loses its stream statement: refused, with accessgraph's report.
        let withoutStream = TestPolicy(PipelineStack.pipelinePolicy.statements.filter { !$0.actions.contains("dynamodb:GetRecords") }, name: "Pipeline")
        try directory.write("project/cdk.out/Orders.template.json", PipelineStack.stack(pipelineRolePolicies: [withoutStream]).templateText)
        try succeed(git, ["add", "."], in: project)
        let failing = try Self.run(git, ["commit", "-m", "No stream access"], in: project, home: home)
        #expect(failing.status != 0, "\(failing.output)")
        #expect(failing.output.contains("Failed\n- hook id: accessgraph-check\n- exit code: 3\n"), "\(failing.output)")
        #expect(failing.output.contains("\nAccessGraph check: cdk.out/Orders.template.json\n"), "\(failing.output)")
        #expect(failing.output.contains(
            "  ✗ source.dynamodb.stream: arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline needs `dynamodb:DescribeStream` on "
                + "`arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/⟦GetAtt.Orders.StreamArn⟧`"), "\(failing.output)")
        let log = try Self.run(git, ["log", "--format=%s"], in: project, home: home)
        #expect(log.output == "A pipeline stack\n", "only the passing commit: \(log.output)")
    }
}
