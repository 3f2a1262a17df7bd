import AccessAssertions
import PipelineChecks
import PolicyModel
import TestSupport
import Testing

/// Reading an assertions file: what each entry becomes, and every error class at its line and
/// column, with its message.
@Suite struct AssertionFileTests {
    static let complete = """
        # what must always hold
        must-allow:
          - principal: PipelineRole
            actions: [dynamodb:DescribeTable, "dynamodb:Export*"]
            resource: Orders
            context:
              aws:SourceIp: 10.0.0.1
              aws:TagKeys: [team, env]
        must-not-allow:
          - principal: arn:aws:iam::123456789012:role/orders-pipeline-role
            actions: s3:DeleteBucket
            resource: Exports
        no-public-access: all
        no-new-access:
          - principal: PipelineRole
          - policy: PipelineRole.Pipeline
        suppress:
          - finding: domain.policy-open-to-account
            resource: Search
            reason: the account's principals still need identity policies
            expires: 2027-06-30

        """

    @Test func everyKindIsReadWithItsPosition() throws {
        let file = try AssertionFile.parse(text: Self.complete, file: "accessgraph.yaml")
        #expect(file.accessRules.map(\.kind) == [.mustAllow, .mustNotAllow])
        let allow = try #require(file.accessRules.first)
        #expect(allow.position == at(3, 5))
        #expect(allow.principal == Located("PipelineRole", at: at(3, 16)))
        #expect(allow.actions.map(\.value) == ["dynamodb:DescribeTable", "dynamodb:Export*"])
        #expect(allow.resource.value == "Orders")
        #expect(allow.context.map(\.key.value) == ["aws:SourceIp", "aws:TagKeys"])
        #expect(allow.context.last?.values.map(\.value) == ["team", "env"])
        // One action may be written without a list.
        #expect(file.accessRules.last?.actions.map(\.value) == ["s3:DeleteBucket"])
        #expect(file.publicAccessRules.count == 1 && file.publicAccessRules.first?.resource == nil)
        #expect(file.newAccessRules.count == 2)
        let suppression = try #require(file.suppressions.first)
        #expect(suppression.finding == .domainPolicyOpenToAccount)
        #expect(suppression.expires == CalendarDay("2027-06-30"))
        #expect(suppression.position == at(18, 5))
    }

    @Test func anEmptyFileAssertsNothing() throws {
        for text in ["", "# nothing yet\n", "suppress:\nmust-allow:\n"] {
            let file = try AssertionFile.parse(text: text, file: "accessgraph.yaml")
            #expect(file.accessRules.isEmpty && file.publicAccessRules.isEmpty && file.newAccessRules.isEmpty && file.suppressions.isEmpty)
        }
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// `accessgraph.yaml:line:column: error[code]: message`.
        var expected: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ expected: String) {
            self.name = name
            self.text = text
            self.expected = expected
        }
    }

    static let suppression = "suppress:\n  - finding: domain.policy-open-to-account\n    resource: Search\n    reason: accepted\n"

    static let cases: [ErrorCase] = [
        ErrorCase("bad YAML", "must-allow: [\n", "accessgraph.yaml:2:1: error[assertions.invalid-yaml]: invalid YAML: did not find expected node content"),
        ErrorCase("duplicate key", "suppress:\nsuppress:\n", "accessgraph.yaml:2:1: error[assertions.duplicate-key]: duplicate key `suppress`"),
        ErrorCase("not a mapping", "- must-allow\n", "accessgraph.yaml:1:1: error[assertions.wrong-type]: the assertions file must be a mapping, found a list"),
        ErrorCase("unknown section", "must-allows: []\n", "accessgraph.yaml:1:1: error[assertions.unknown-key]: unknown key `must-allows` in the assertions file"),
        ErrorCase("unknown key in an entry", "must-allow:\n  - principal: PipelineRole\n    action: s3:GetObject\n",
                  "accessgraph.yaml:3:5: error[assertions.unknown-key]: unknown key `action` in a `must-allow` entry"),
        ErrorCase("section not a list", "must-not-allow:\n  principal: PipelineRole\n",
                  "accessgraph.yaml:2:3: error[assertions.wrong-type]: `must-not-allow` must be a list, found a mapping"),
        ErrorCase("actions of the wrong type", "must-allow:\n  - principal: PipelineRole\n    actions: {s3: GetObject}\n    resource: Exports\n",
                  "accessgraph.yaml:3:14: error[assertions.wrong-type]: `actions` must be a string or a list of strings, found a mapping"),
        ErrorCase("no actions", "must-allow:\n  - principal: PipelineRole\n    actions: []\n    resource: Exports\n",
                  "accessgraph.yaml:3:14: error[assertions.wrong-type]: `actions` must name at least one action"),
        ErrorCase("missing resource", "must-allow:\n  - principal: PipelineRole\n    actions: s3:GetObject\n",
                  "accessgraph.yaml:2:5: error[assertions.missing-key]: a `must-allow` entry needs `resource`"),
        ErrorCase("no-public-access neither all nor a list", "no-public-access: everything\n",
                  "accessgraph.yaml:1:19: error[assertions.wrong-type]: `no-public-access` must be `all` or a list of resources, found `everything`"),
        ErrorCase("no-new-access with two subjects", "no-new-access:\n  - principal: PipelineRole\n    policy: PipelineRole.Pipeline\n",
                  "accessgraph.yaml:2:5: error[assertions.missing-key]: a `no-new-access` entry names one `principal` or one `policy`"),
        ErrorCase("unknown finding id", "suppress:\n  - finding: domain.open\n    resource: Search\n    reason: accepted\n    expires: 2027-06-30\n",
                  "accessgraph.yaml:2:14: error[assertions.unknown-finding]: unknown finding id `domain.open`"),
        ErrorCase("an expired suppression cannot be suppressed", "suppress:\n  - finding: suppression.expired\n    resource: Search\n    reason: accepted\n    expires: 2027-06-30\n",
                  "accessgraph.yaml:2:14: error[assertions.unknown-finding]: unknown finding id `suppression.expired`"),
        ErrorCase("a day the calendar lacks", suppression + "    expires: 2027-02-29\n",
                  "accessgraph.yaml:5:14: error[assertions.invalid-date]: `2027-02-29` is not a date"),
        ErrorCase("a date not written YYYY-MM-DD", suppression + "    expires: 2027-6-30\n",
                  "accessgraph.yaml:5:14: error[assertions.invalid-date]: `2027-6-30` is not a date"),
        ErrorCase("no expiry", suppression, "accessgraph.yaml:2:5: error[assertions.missing-key]: a `suppress` entry needs `expires`"),
        ErrorCase("an empty reason", "suppress:\n  - finding: domain.policy-open-to-account\n    resource: Search\n    reason: ' '\n    expires: 2027-06-30\n",
                  "accessgraph.yaml:4:13: error[assertions.wrong-type]: `reason` must say why the finding is accepted"),
    ]

    @Test(arguments: cases) func aMalformedFileIsAPositionedError(_ errorCase: ErrorCase) {
        let errors = AssertionFixture.errors(errorCase.text)
        #expect(errors.first == errorCase.expected, "\(errors)")
    }

    /// Every problem is reported at once, in file order.
    @Test func everyErrorIsReported() {
        let errors = AssertionFixture.errors("must-allow:\n  - principal: PipelineRole\nbogus: 1\nsuppress:\n  - finding: nope\n")
        #expect(errors.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == [
            "accessgraph.yaml:2:5: error[assertions.missing-key]:", "accessgraph.yaml:2:5: error[assertions.missing-key]:",
            "accessgraph.yaml:3:1: error[assertions.unknown-key]:", "accessgraph.yaml:5:5: error[assertions.missing-key]:",
            "accessgraph.yaml:5:5: error[assertions.missing-key]:", "accessgraph.yaml:5:5: error[assertions.missing-key]:",
            "accessgraph.yaml:5:14: error[assertions.unknown-finding]:",
        ], "\(errors)")
    }

    @Test func calendarDaysAreStrict() throws {
        #expect(CalendarDay("2028-02-29") != nil)
        for text in ["2027-02-29", "2027-13-01", "2027-06-31", "27-06-30", "2027/06/30", "2027-06-30T00:00:00Z", "+2027-6-30"] {
            #expect(CalendarDay(text) == nil, "\(text)")
        }
        #expect(try #require(CalendarDay("2026-12-31")) < (try #require(CalendarDay("2027-01-01"))))
    }
}
