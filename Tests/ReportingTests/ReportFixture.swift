import PipelineChecks
import PipelineRequirements
import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// Small inputs for the renderers, built in code. Statement `i` of a policy is written on line
/// `i + 2` at column 3, so deciding statements read `identity[0] statement i (Sid) at (i + 2):3`.
enum ReportFixture {
    static let roleARN = "arn:aws:iam::111122223333:role/PipelineRole"
    static let session = "arn:aws:sts::111122223333:assumed-role/PipelineRole/session"
    static let tableARN = "arn:aws:dynamodb:us-east-1:111122223333:table/orders"

    static func at(_ line: Int, _ column: Int, in file: String = "stack.json") -> SourceLocation {
        SourceLocation(file: file, position: SourcePosition(line: line, column: column))
    }

    static func policy(_ id: String, _ statements: String...) throws -> NamedPolicy {
        let text = "{\"Version\": \"2012-10-17\", \"Statement\": [\n  " + statements.joined(separator: ",\n  ") + "\n]}"
        return NamedPolicy(id: id, document: try PolicyParser.parse(text))
    }

    static func request(_ action: String, on resource: String, context: RequestContext = RequestContext()) -> AuthorizationRequest {
        AuthorizationRequest(principal: RequestPrincipal(session), action: action, resource: resource, resourceAccount: "111122223333", context: context)
    }

    /// A pipeline request as a check evaluated it.
    static func evaluated(
        _ action: String, decision: Decision, verdict: EvaluatedRequest.Verdict, reason: String,
        matched: [StatementRef] = [], unresolved: [String] = []
    ) -> EvaluatedRequest {
        let requirement = RequiredRequest(
            area: .dynamoDBExport, caller: .roleSession(roleARN: roleARN, sessionName: "osis-pipeline"), action: action, resource: tableARN,
            grantScope: tableARN, purpose: "export the table to S3", documentation: RequirementSource.dynamoDBSource)
        return EvaluatedRequest(requirement: requirement, principal: roleARN, decision: decision, verdict: verdict, reason: reason,
                                matched: matched, unresolved: unresolved)
    }

    static let readStatement = StatementRef(policy: "PipelineRole.Policy", index: 0, sid: "Read", effect: .allow, position: SourcePosition(line: 30, column: 11))

    /// One check of each status and one finding of three severities, with and without places.
    static func report() -> StackReport {
        StackReport(name: "stack.json", checks: [
            CheckResult(id: .pipelineRoleTrust, status: .pass, reason: "osis-pipelines.amazonaws.com can assume `PipelineRole`", location: at(12, 5)),
            CheckResult(id: .dynamoDBExport, status: .fail, reason: "`dynamodb:ExportTableToPointInTime` is refused", requests: [
                evaluated("dynamodb:DescribeTable", decision: .allow, verdict: .met, reason: "allowed by the caller's identity-based policies", matched: [readStatement]),
                evaluated("dynamodb:ExportTableToPointInTime", decision: .implicitDeny, verdict: .unmet, reason: "no statement allows it"),
            ], location: at(12, 5)),
            CheckResult(id: .dynamoDBStream, status: .unknown, reason: "depends on `⟦AWS.AccountId⟧`", requests: [
                evaluated("dynamodb:DescribeStream", decision: .allow, verdict: .undetermined, reason: "allowed as written",
                          unresolved: ["PipelineRole.Policy statement 1 depends on the account"]),
            ], location: SourceLocation(file: "stack.json", position: .unknown)),
            CheckResult(id: .s3Export, status: .skipped, reason: "the pipeline reads the stream only", location: nil),
        ], findings: [
            Finding(id: .domainPolicyOpenToEveryone, severity: .error, resource: "Domain", message: "`*` may call `es:*`", evidence: [
                Evidence(statement: StatementRef(policy: "Domain.AccessPolicies", index: 0, sid: "Open", effect: .allow, position: SourcePosition(line: 41, column: 9)),
                         detail: "`Principal` `*`", location: at(41, 9)),
            ], location: at(40, 7)),
            Finding(id: .domainHTTPSNotEnforced, severity: .warning, resource: "Domain", message: "`EnforceHTTPS` is not set", evidence: [
                Evidence(statement: nil, detail: "`DomainEndpointOptions` has no `EnforceHTTPS`", location: nil),
            ], location: SourceLocation(file: "stack.json", position: .unknown)),
            Finding(id: .pipelineLoggingNotWired, severity: .suggestion, resource: "OrdersPipeline", message: "the pipeline publishes no logs", location: nil),
        ])
    }
}
