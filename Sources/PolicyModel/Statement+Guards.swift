/// What a statement guards against, read the same way by lint and by the findings.
extension Statement {
    /// Condition keys that tie a service principal to the account, resource or organization it
    /// acts for: the confused-deputy guards ("The confused deputy problem", IAM User Guide).
    package static let sourceConditionKeys: Set<String> = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"]

    /// Whether a condition ties the statement's service principals to their source.
    package var limitsServicePrincipalsToSource: Bool {
        conditions.contains { Self.sourceConditionKeys.contains($0.lookupKey) }
    }

    /// The `Action` entry through which an Allow grants `iam:PassRole` on every role (a
    /// `Resource` that matches everything, or `NotResource`); nil for any other statement.
    package var passRoleOnEveryRole: ActionPattern? {
        guard effect == .allow, !action.isNot, let resource, resource.isNot || resource.patterns.contains(where: { $0.compiled?.matchesEverything == true }) else {
            return nil
        }
        return action.patterns.first { $0.matches(lowercasedAction: "iam:passrole") }
    }

    /// Whether an `iam:PassedToService` condition limits the services roles may be passed to.
    package var limitsPassedToService: Bool {
        conditions.contains { $0.lookupKey == "iam:passedtoservice" }
    }
}
