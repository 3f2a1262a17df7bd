import AccessGraphCLI
import Foundation
import TestSupport
import Testing

/// The assertions file through `check` and `diff`: every format shows the results, a failing
/// assertion is exit 3, a malformed file or a missing `--config` exit 2, suppressions before and
/// after their expiry; and the README's example, run as the README shows it.
@Suite struct AssertionsCommandTests {
    /// Writes the stack and the file, and runs `check` on them for the stack's account and region.
    static func check(_ stack: TestStack, _ yaml: String, _ extra: [String] = []) throws -> CommandRun {
        let directory = try TemporaryDirectory()
        let template = try directory.write("stack.json", stack.templateText)
        let config = try directory.write("accessgraph.yaml", yaml)
        return accessgraph(["check", "--template", template, "--account", "123456789012", "--region", "us-east-1", "--config", config] + extra)
    }

    static func json(_ run: CommandRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static let failing = "must-not-allow:\n  - principal: PipelineRole\n    actions: [dynamodb:DescribeTable]\n    resource: Orders\n"
    static let passing = "must-allow:\n  - principal: PipelineRole\n    actions: [dynamodb:DescribeTable]\n    resource: Orders\n"

    @Test func aPassingFileIsExitZeroAndShown() throws {
        let run = try Self.check(PipelineStack.stack(), Self.passing)
        #expect(run.status == 0, "\(run.output)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("Assertions (") && $0.hasSuffix("/accessgraph.yaml)") })
        #expect(lines[header + 1].hasPrefix("  ✓ must-allow `PipelineRole` may `dynamodb:DescribeTable` on `Orders` ("))
        #expect(lines[header + 1].hasSuffix("/accessgraph.yaml:2:5): allowed by the caller's identity-based policies"))
        #expect(lines[header + 2].hasPrefix("      by PipelineRole.Pipeline statement 0 at "))
        #expect(run.stdout.hasSuffix("\nassertions: 1 pass, 0 fail, 0 unknown, 0 not-applicable\n"))
    }

    @Test func aFailingAssertionIsExitThreeInEveryFormat() throws {
        let text = try Self.check(PipelineStack.stack(), Self.failing)
        #expect(text.status == 3, "\(text.output)")
        #expect(text.stdout.contains("  ✗ must-not-allow `PipelineRole` may not `dynamodb:DescribeTable` on `Orders` ("))

        let json = try Self.json(try Self.check(PipelineStack.stack(), Self.failing, ["--format", "json"]))
        let results = try #require((json["assertions"] as? [String: Any])?["results"] as? [[String: Any]])
        #expect(results.map { $0["status"] as? String } == ["fail"])
        #expect(results.first?["kind"] as? String == "must-not-allow")
        #expect((results.first?["evidence"] as? [[String: Any]])?.first?["policy"] as? String == "PipelineRole.Pipeline")
        #expect(((results.first?["requests"] as? [[String: Any]])?.first?["decision"]) as? String == "Allow")
        #expect(((results.first?["location"] as? [String: Any])?["line"]) as? Int == 2)

        let markdown = try Self.check(PipelineStack.stack(), Self.failing, ["--format", "markdown"])
        #expect(markdown.stdout.contains("| ✗ | must-not-allow `PipelineRole` may not `dynamodb:DescribeTable` on `Orders` | "))
        #expect(markdown.stdout.hasSuffix("\nassertions: 0 pass, 1 fail, 0 unknown, 0 not-applicable\n"))

        let sarif = try Self.json(try Self.check(PipelineStack.stack(), Self.failing, ["--format", "sarif"]))
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let result = try #require((run["results"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "assertion.must-not-allow" })
        #expect(result["level"] as? String == "error")
        let region = (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Any]
        #expect(region?["startLine"] as? Int == 2 && region?["startColumn"] as? Int == 5)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["id"] as? String == "assertion.must-not-allow" && (($0["properties"] as? [String: Any])?["tags"] as? [String]) == ["assertion"] })

        let junit = try Self.check(PipelineStack.stack(), Self.failing, ["--format", "junit"])
        #expect(junit.stdout.contains(#"<testsuite name="accessgraph.assertions" tests="1" failures="1" skipped="0">"#))
        #expect(junit.stdout.contains(#"<testcase classname="assertions" name="must-not-allow: `PipelineRole` may not `dynamodb:DescribeTable` on `Orders`">"#))
    }

    /// Unknown fails the gate only with `--fail-on-unknown`, as for checks.
    @Test func anUnknownAssertionGatesWithFailOnUnknown() throws {
        let stack = PipelineStack.stack().role("Analyst", trust: .service("lambda.amazonaws.com"), policies: [
            .allow(["dynamodb:Query"], on: .arn(of: "Orders"), when: [.stringEquals("aws:PrincipalOrgID", "o-abc123")]),
        ])
        let yaml = "must-allow:\n  - principal: Analyst\n    actions: [dynamodb:Query]\n    resource: Orders\n"
        let lenient = try Self.check(stack, yaml, ["--format", "junit"])
        #expect(lenient.status == 0, "\(lenient.output)")
        #expect(lenient.stdout.contains(#"<testsuite name="accessgraph.assertions" tests="1" failures="0" skipped="1">"#))
        #expect(try Self.check(stack, yaml, ["--fail-on-unknown"]).status == 3)
    }

    @Test func aMalformedFileIsExitTwoAtItsPlace() throws {
        let run = try Self.check(PipelineStack.stack(), "must-allow:\n  - principal: PipelineRole\n    actions: [dynamodb:DescribeTable]\n    resource: Nowhere\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("/accessgraph.yaml:4:15: error[assertions.unknown-resource]: no resource `Nowhere` in the stack\n"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aMissingConfigIsExitTwo() throws {
        let run = accessgraph(["check", "--config", "/nonexistent/accessgraph.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("/nonexistent/accessgraph.yaml: error[io.not-found]: no such file"), "\(run.stderr)")
        let date = accessgraph(["check", "--today", "2027-02-30"])
        #expect(date.status == 2)
        #expect(date.stderr.hasPrefix("--today: error[usage.invalid-date]: `2027-02-30` is not a date"), "\(date.stderr)")
    }

    /// Without `--config`, `accessgraph.yaml` in the working directory, if there is one.
    @Test func theDefaultFileIsLookedForInTheDirectory() throws {
        let directory = try TemporaryDirectory()
        #expect(AssertionOptions.defaultFile(in: directory.path) == nil)
        let path = try directory.write("accessgraph.yaml", Self.passing)
        #expect(AssertionOptions.defaultFile(in: directory.path) == path)
        // This checkout keeps none at its root, so the quick start's report has no assertions.
        #expect(!FileManager.default.fileExists(atPath: Repository.url("accessgraph.yaml").path))
        #expect(!accessgraph(["check"]).stdout.contains("Assertions"))
    }

    // MARK: Suppressions

    /// The domain open to everyone is an error finding: exit 3 until it is suppressed.
    static let openDomain = try? PipelineStack.stack().settingAccessPolicy(of: "Search", to: TestPolicy([
        TestStatement.allow(["es:ESHttp*"], on: [.regionalARN("es", "domain/orders-search/*")]).by(.everyone),
    ]))
    static let suppression = "suppress:\n  - finding: domain.policy-open-to-everyone\n    resource: Search\n    reason: behind the VPN until the migration\n    expires: 2027-01-31\n"

    @Test func aSuppressionHoldsUntilItsDay() throws {
        let stack = try #require(Self.openDomain)
        #expect(try Self.check(stack, "").status == 3)

        let held = try Self.check(stack, Self.suppression, ["--today", "2027-01-30"])
        #expect(held.status == 0, "\(held.output)")
        #expect(held.stdout.contains(" (suppressed until 2027-01-31 by "))
        #expect(held.stdout.contains("/accessgraph.yaml:2:5: behind the VPN until the migration)\n"))
        #expect(held.stdout.contains("(1 suppressed)\n"))

        let sarif = try Self.json(try Self.check(stack, Self.suppression, ["--today", "2027-01-30", "--format", "sarif"]))
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let open = try #require(results.first { $0["ruleId"] as? String == "domain.policy-open-to-everyone" })
        #expect(open["level"] as? String == "warning")
        let suppression = try #require((open["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external" && suppression["status"] as? String == "accepted")
        #expect(suppression["justification"] as? String == "behind the VPN until the migration (until 2027-01-31)")

        let junit = try Self.check(stack, Self.suppression, ["--today", "2027-01-30", "--format", "junit"])
        #expect(junit.stdout.contains(#"<skipped message="suppressed until 2027-01-31 ("#))

        let json = try Self.json(try Self.check(stack, Self.suppression, ["--today", "2027-01-30", "--format", "json"]))
        let finding = try #require((json["findings"] as? [[String: Any]])?.first { $0["id"] as? String == "domain.policy-open-to-everyone" })
        #expect((finding["suppression"] as? [String: Any])?["expires"] as? String == "2027-01-31")

        // Without --today, the current day: a suppression until 9999 holds.
        #expect(try Self.check(stack, Self.suppression.replacingOccurrences(of: "2027-01-31", with: "9999-12-31")).status == 0)

        let expired = try Self.check(stack, Self.suppression, ["--today", "2027-01-31"])
        #expect(expired.status == 3)
        #expect(expired.stdout.contains("  warning suppression.expired [Search] ("))
        #expect(expired.stdout.contains("/accessgraph.yaml:2:5): the suppression of `domain.policy-open-to-everyone` on `Search` expired on 2027-01-31"))
        #expect(!expired.stdout.contains("suppressed until"))
    }

    // MARK: diff

    static func diff(_ base: TestStack, _ head: TestStack, _ yaml: String, _ extra: [String] = []) throws -> CommandRun {
        let directory = try TemporaryDirectory()
        let basePath = try directory.write("base.json", base.templateText)
        let headPath = try directory.write("head.json", head.templateText)
        let config = try directory.write("accessgraph.yaml", yaml)
        return accessgraph(["diff", "--base", basePath, "--head", headPath, "--account", "123456789012", "--region", "us-east-1", "--config", config] + extra)
    }

    static let widened = PipelineStack.stack(pipelineRolePolicies: [PipelineStack.pipelinePolicy, TestPolicy.allow(["dynamodb:DeleteTable"], on: .arn(of: "Orders")).named("Cleanup")])

    /// Assertions gate every diff, whatever `--fail-on` says.
    @Test func aFailingAssertionFailsADiff() throws {
        let newAccess = "no-new-access:\n  - principal: PipelineRole\n"
        let same = try Self.diff(PipelineStack.stack(), PipelineStack.stack(), newAccess)
        #expect(same.status == 0, "\(same.output)")
        #expect(same.stdout.contains("  ✓ no-new-access `PipelineRole` ("))

        let widened = try Self.diff(PipelineStack.stack(), Self.widened, newAccess)
        #expect(widened.status == 3, "\(widened.output)")
        #expect(widened.stdout.contains("): the head grants `PipelineRole` what the base did not: can-act "
            + "`arn:aws:dynamodb:us-east-1:123456789012:table/orders`: `dynamodb:DeleteTable`\n"), "\(widened.stdout)")
        #expect(widened.stdout.contains("      by PipelineRole.Cleanup statement 0 at "))

        let json = try Self.json(try Self.diff(PipelineStack.stack(), Self.widened, newAccess, ["--format", "json"]))
        #expect(((json["assertions"] as? [String: Any])?["results"] as? [[String: Any]])?.map { $0["status"] as? String } == ["fail"])

        let sarif = try Self.json(try Self.diff(PipelineStack.stack(), Self.widened, newAccess, ["--format", "sarif"]))
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let assertion = try #require(results.first { $0["ruleId"] as? String == "assertion.no-new-access" })
        #expect(assertion["level"] as? String == "error" && assertion["baselineState"] as? String == "new")

        let markdown = try Self.diff(PipelineStack.stack(), Self.widened, newAccess + Self.failing, ["--format", "markdown"])
        #expect(markdown.status == 3)
        #expect(markdown.stdout.contains("\n### Assertions (`"))
        #expect(markdown.stdout.contains("| ✗ | must-not-allow `PipelineRole` may not `dynamodb:DescribeTable` on `Orders` | "))
    }

    /// A new finding the file suppresses does not trip `--fail-on new-finding`; its suppression shows.
    @Test func aSuppressedNewFindingDoesNotFailADiff() throws {
        let head = try #require(Self.openDomain)
        #expect(try Self.diff(PipelineStack.stack(), head, "", ["--fail-on", "new-finding"]).status == 3)
        let run = try Self.diff(PipelineStack.stack(), head, Self.suppression, ["--fail-on", "new-finding", "--today", "2027-01-30"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Findings added\n  error domain.policy-open-to-everyone [Search] ("))
        #expect(run.stdout.contains(" (suppressed until 2027-01-31 by "))
    }

    // MARK: The README's example

    /// The fenced block after `<!-- marker -->` in the README.
    static func readmeBlock(after marker: String) throws -> String {
        let readme = try String(contentsOf: Repository.url("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- \(marker) -->\n```"))
        let body = try #require(readme[start.upperBound...].firstIndex(of: "\n"))
        let end = try #require(readme[body...].range(of: "\n```\n"))
        return String(readme[readme.index(after: body)..<end.lowerBound]) + "\n"
    }

    @Test func theReadmeExampleIsTheFileAndRunsAsShown() throws {
        let path = "Tests/Examples/accessgraph.yaml"
        let file = try String(contentsOf: Repository.url(path), encoding: .utf8)
        #expect(try Self.readmeBlock(after: "example: \(path)") == file)
        // The day is fixed so the suppression it shows does not expire under the test.
        let run = accessgraph(["check", "--config", Repository.url(path).path, "--today", "2026-12-05"])
        #expect(run.status == 0, "\(run.output)")
        let section = try #require(run.stdout.range(of: "Assertions ("))
        let shown = String(run.stdout[section.lowerBound...]).replacingOccurrences(of: Repository.root.path + "/", with: "")
        #expect(try Self.readmeBlock(after: "output: check --config \(path)") == shown)
        #expect(run.stdout.contains("(suppressed until 2027-06-30 by "))
    }
}
