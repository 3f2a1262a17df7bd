import Foundation
import TestSupport
import Testing

/// `accessgraph audit` live, against a moto server the test starts on 127.0.0.1, with the
/// reference stack deployed into it by `Tests/AccountFixtures/reference_account.py`: the same
/// statuses as `check` on the template, and a saved snapshot that replays byte for byte.
@Suite(.serialized) struct LiveAuditTests {
    static let canRun = MotoServer.isAvailable && Executable.built("accessgraph") != nil

    /// Credentials moto accepts, and a home without the developer's own AWS files.
    static func environment(home: String) -> [String: String?] {
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": nil, "AWS_PROFILE": nil, "AWS_REGION": "us-east-1",
         "HOME": home, "AWS_CONFIG_FILE": nil, "AWS_SHARED_CREDENTIALS_FILE": nil, "AWS_ENDPOINT_URL": nil]
    }

    static func deploy(into server: MotoServer, variant: [String] = [], scratch: TemporaryDirectory) throws {
        let python = try #require(MotoServer.python)
        let run = try Executable.run(python, [Repository.url("Tests/AccountFixtures/reference_account.py").path, scratch.path + "/deployed", "--endpoint-url", server.url] + variant,
                                     in: scratch.path, environment: environment(home: scratch.path))
        #expect(run.status == 0, "\(run.output)")
    }

    @Test(.enabled(if: canRun, "needs moto[server] and boto3 (.ci/run installs them into .build/moto) and the built accessgraph"))
    func theLiveAuditMatchesTheTemplateAndReplaysOffline() throws {
        let server = try MotoServer()
        let scratch = try TemporaryDirectory()
        try Self.deploy(into: server, scratch: scratch)
        let binary = try #require(Executable.built("accessgraph"))
        let saved = scratch.path + "/saved"
        let live = try Executable.runSeparately(binary, ["audit", "--endpoint-url", server.url, "--save-snapshot", saved, "--quiet"],
                                                in: scratch.path, environment: Self.environment(home: scratch.path))
        #expect(live.status == 0, "\(live.stderr)")
        let template = accessgraph(["check"])
        // moto answers GetIdentityPoolRoles with a 500: the Dashboards check cannot be decided,
        // and the failed call is reported with the command that would fetch it.
        #expect(AuditCommandTests.statuses(live.stdout) == AuditCommandTests.statuses(template.stdout).dropLast() + ["? dashboards.cognito"])
        #expect(live.stderr.contains("warning: aws cognito-identity get-identity-pool-roles --identity-pool-id us-east-1:"), "\(live.stderr)")
        #expect(live.stderr.contains("Cognito Identity GetIdentityPoolRoles failed (HTTP 500 after 5 attempts)"), "\(live.stderr)")

        let replay = try Executable.runSeparately(binary, ["audit", "--snapshot", saved], in: scratch.path, environment: Self.environment(home: scratch.path))
        #expect(replay.status == live.status)
        #expect(replay.stdout == live.stdout, "the saved snapshot gives the same report")
    }

    @Test(.enabled(if: canRun, "needs moto[server] and boto3 (.ci/run installs them into .build/moto) and the built accessgraph"))
    func aLiveAccountWhosePipelineRoleCannotReachTheDomainFailsTheSink() throws {
        let server = try MotoServer()
        let scratch = try TemporaryDirectory()
        try Self.deploy(into: server, variant: ["--break-sink"], scratch: scratch)
        let binary = try #require(Executable.built("accessgraph"))
        let live = try Executable.runSeparately(binary, ["audit", "--endpoint-url", server.url, "--quiet"], in: scratch.path,
                                                environment: Self.environment(home: scratch.path))
        #expect(live.status == 3, "\(live.stderr)")
        #expect(AuditCommandTests.statuses(live.stdout).contains("✗ sink.opensearch"))
    }

    @Test(.enabled(if: Executable.built("accessgraph") != nil, "needs the built accessgraph"))
    func aLiveAuditWithoutARegionOrAServerSaysWhy() throws {
        let scratch = try TemporaryDirectory()
        let binary = try #require(Executable.built("accessgraph"))
        var environment = Self.environment(home: scratch.path)
        environment["AWS_REGION"] = nil
        environment["AWS_DEFAULT_REGION"] = nil
        let noRegion = try Executable.runSeparately(binary, ["audit", "--quiet"], in: scratch.path, environment: environment)
        #expect(noRegion.status == 2)
        #expect(noRegion.stderr.contains("error[usage.no-region]: a live audit needs a region"), "\(noRegion.stderr)")
        // Nothing listens on port 9: every call fails for good, and the audit says so.
        let refused = try Executable.runSeparately(binary, ["audit", "--endpoint-url", "http://127.0.0.1:9", "--quiet", "--region", "us-east-1"],
                                                   in: scratch.path, environment: Self.environment(home: scratch.path))
        #expect(refused.stderr.contains("warning: aws osis list-pipelines: OSIS ListPipelines failed (no response after 5 attempts): cannot connect to the endpoint"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("testing"), "no secret in the output")
    }
}
