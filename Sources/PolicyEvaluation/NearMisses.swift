import PolicyModel

/// For an implicit deny: the Allow statements that came closest, each with every reason it
/// missed, and the context keys they needed but the request lacked.
enum NearMisses {
    static let reported = 3

    static func find(in candidates: [NamedPolicy], request: PreparedRequest) -> ([NearMiss], [String]) {
        var misses: [(score: Int, miss: NearMiss)] = []
        for policy in candidates {
            for statement in policy.document.statements where statement.effect == .allow {
                let mismatches = StatementMatcher.mismatches(statement, document: policy.document, request: request)
                guard !mismatches.isEmpty else { continue }
                // A wrong action is the farthest miss; a failed condition the nearest.
                let score = mismatches.reduce(0) { total, mismatch in
                    switch mismatch.element {
                    case .action: total + 8
                    case .resource, .principal: total + 2
                    case .condition: total + 1
                    }
                }
                misses.append((score, NearMiss(statement: StatementRef(statement, in: policy), mismatches: mismatches)))
            }
        }
        misses.sort { ($0.score, $0.miss.statement) < ($1.score, $1.miss.statement) }
        let nearest = misses.prefix(reported).map(\.miss)
        var missing: Set<String> = []
        for miss in nearest {
            for mismatch in miss.mismatches where mismatch.element == .condition {
                if let key = mismatch.key, request.context[key] == nil, !request.context.isUnknown(lowercasedKey: key.lowercased()) { missing.insert(key) }
            }
        }
        return (Array(nearest), missing.sorted())
    }
}
