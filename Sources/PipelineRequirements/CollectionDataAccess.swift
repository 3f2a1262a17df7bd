import AccessInventory
import PolicyEvaluation
import PolicyModel

/// How OpenSearch Serverless decides a data-plane request (`aoss:WriteDocument` on
/// `index/<collection>/<index>`): by its data access policies alone, whose rules only allow. A rule
/// grants when its `Principal` names the caller's role (or user) by ARN, its `ResourceType` is the
/// resource's and one of its `Resource` patterns and `Permission` patterns (`aoss:*`) covers the
/// request ("Data access control for Amazon OpenSearch Serverless", developer guide).
///
/// No rule granting is a refusal only when the inputs hold the collection and at least one data
/// access policy that covers it: the stack then owns what decides. Otherwise a policy outside the
/// inputs could grant it, so the request is undetermined, saying what is missing.
struct CollectionDataAccess {
    let inventory: Inventory

    func evaluate(_ requirement: RequiredRequest, collection name: String) -> EvaluatedRequest {
        let caller = requirement.caller.description
        let resourceType = requirement.resource.split(separator: "/").first.map(String.init) ?? ""
        var grants: [String] = []
        var possible: [String] = []
        for policy in inventory.serverlessPolicies where policy.type == "data" {
            for entry in policy.entries {
                let named = entry.principals.contains(caller)
                // A principal that is a token could be the caller.
                let maybe = !named && entry.principals.contains { $0 != caller && (SymbolToken.containsToken($0) || SymbolToken.containsToken(caller)) }
                guard named || maybe else { continue }
                for (offset, rule) in entry.rules.enumerated() where rule.resourceType == resourceType
                    && rule.resources.contains(where: { WildcardPattern(glob: $0).matches(requirement.resource) })
                    && rule.permissions.contains(where: { WildcardPattern(glob: $0.lowercased()).matches(requirement.action.lowercased()) }) {
                    let place = "rule \(offset) of entry \(entry.index) of data access policy `\(policy.label)` at \(policy.location)"
                    if named { grants.append(place) } else { possible.append(place) }
                }
            }
        }
        let request = "`\(requirement.action)` on `\(requirement.resource)`"
        if let grant = grants.first {
            return result(requirement, .allow, .met, "\(grant) grants `\(caller)` \(request)")
        }
        if !possible.isEmpty {
            return result(requirement, .implicitDeny, .undetermined, "no data access policy names `\(caller)` with \(request)",
                          unresolved: possible.map { "\($0) grants it to a principal whose value is unknown" })
        }
        let covering = inventory.serverlessPolicies.filter { $0.type == "data" && !$0.entries(covering: name).isEmpty }
        if inventory.collections.contains(where: { $0.name == name }), !covering.isEmpty {
            let policies = covering.map { "`\($0.label)`" }.joined(separator: ", ")
            return result(requirement, .implicitDeny, .unmet,
                          "no rule of the data access policies that cover collection `\(name)` (\(policies)) grants `\(caller)` \(request)")
        }
        let missing = inventory.collections.contains(where: { $0.name == name })
            ? "no data access policy of the inputs covers collection `\(name)`"
            : "collection `\(name)` is not in the inputs"
        return result(requirement, .implicitDeny, .undetermined, "no data access policy of the inputs grants `\(caller)` \(request)",
                      unresolved: ["\(missing), so whether a data access policy outside them grants \(request) is unknown"])
    }

    private func result(_ requirement: RequiredRequest, _ decision: Decision, _ verdict: EvaluatedRequest.Verdict, _ reason: String,
                        unresolved: [String] = []) -> EvaluatedRequest {
        EvaluatedRequest(requirement: requirement, principal: requirement.caller.description, decision: decision, verdict: verdict,
                         reason: unresolved.isEmpty ? reason : reason + "; but " + unresolved.joined(separator: "; "), matched: [], unresolved: unresolved)
    }
}
