import PolicyModel

/// S3's notion of a "public" bucket policy, used by Block Public Access: an Allow statement
/// naming everyone without a condition that pins the caller to fixed values
/// (Amazon S3 User Guide, "Blocking public access", "The meaning of public"). IAM Access Analyzer
/// reads other resource-based policies the same way; the evaluator's Block Public Access step
/// and `no-public-access` assertions ask here.
package enum PublicPolicy {
    private static let restrictingKeys: Set<String> = [
        "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceaccount", "aws:sourceowner",
        "aws:principalorgid", "aws:principalaccount", "aws:principalarn", "aws:userid", "aws:sourceip",
        "aws:principalorgpaths", "aws:principalservicename", "s3:dataaccesspointaccount", "s3:dataaccesspointarn",
    ]

    /// "Fixed values (values that don't contain a wildcard or an AWS Identity and Access
    /// Management policy variable)"; very broad IP ranges (such as `0.0.0.0/1`) count as public.
    private static func isFixed(_ value: ConditionValue) -> Bool {
        if value.template.hasVariables { return false }
        switch value.parsed {
        case .glob(let pattern): return !pattern.hasWildcards
        case .arn(let pattern): return !value.text.contains("*") && !value.text.contains("?") && !pattern.matchesEverything
        case .network(let network): return network.isIPv4 ? network.prefixLength - 96 >= 8 : network.prefixLength >= 32
        default: return true
        }
    }

    package static func isPublic(_ document: PolicyDocument) -> Bool {
        document.statements.contains(where: isPublic)
    }

    /// The statements that make the document public, in document order.
    package static func publicStatements(in document: PolicyDocument) -> [Statement] {
        document.statements.filter(isPublic)
    }

    /// An Allow naming everyone (`*`, `{"AWS": "*"}`) with no condition that pins the caller.
    static func isPublic(_ statement: Statement) -> Bool {
        guard statement.effect == .allow, let principal = statement.principal, !principal.isNot else { return false }
        guard principal.namesEveryone else { return false }
        let pinned = statement.conditions.contains { clause in
            !clause.operator.base.isNegated && clause.operator.qualifier != .forAllValues && !clause.operator.ifExists
                && restrictingKeys.contains(clause.lookupKey) && clause.values.allSatisfy(isFixed)
        }
        return !pinned
    }
}
