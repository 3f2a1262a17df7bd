import PolicyModel

/// The `Resource` patterns of the statements the graph asks about (`sts:AssumeRole`,
/// `iam:PassRole`, the escalation techniques' actions), each matched once against every ARN
/// those requests can name (the inventory's roles, users, groups and customer managed
/// policies). Thousands of principals share a few hundred patterns (`role/app-*`), so grouping
/// targets by coverage reads bits here instead of matching each pattern against each target
/// again for every principal.
struct CoverageIndex: Sendable {
    /// Each ARN's place in the bit sets.
    let positions: [String: Int]
    private let bits: [String: [UInt64]]

    init(universe: [String], statements: [Statement]) {
        var positions: [String: Int] = [:]
        for arn in universe where positions[arn] == nil { positions[arn] = positions.count }
        self.positions = positions
        let arns = positions.sorted { $0.value < $1.value }.map { SplitARN($0.key) }
        let words = (arns.count + 63) / 64
        let patterns = Dictionary(statements.flatMap { $0.resource?.patterns ?? [] }
            .filter { $0.text != "*" && !SymbolToken.containsToken($0.text) }
            .compactMap { pattern in pattern.compiled.map { (pattern.text, $0) } }, uniquingKeysWith: { first, _ in first })
            .sorted { $0.key < $1.key }
        let lookup = ARNPatternIndex(arns)
        let computed = ParallelMap.map(patterns.count) { index -> [UInt64] in
            var set = [UInt64](repeating: 0, count: words)
            for position in lookup.positions(matching: patterns[index].value) {
                set[position / 64] |= 1 << UInt64(position % 64)
            }
            return set
        }
        bits = Dictionary(zip(patterns.map(\.key), computed), uniquingKeysWith: { first, _ in first })
    }

    /// Whether `statement` covers the ARN at each position, as a bit set; nil when one of its
    /// patterns is not indexed (a policy variable, a symbol), so the caller matches it itself.
    func coverage(of statement: Statement) -> (bits: [UInt64], isNot: Bool)? {
        guard let element = statement.resource else { return nil }
        var union: [UInt64]?
        for pattern in element.patterns {
            guard let set = bits[pattern.text] else { return nil }
            if var accumulated = union {
                for word in accumulated.indices { accumulated[word] |= set[word] }
                union = accumulated
            } else {
                union = set
            }
        }
        return union.map { ($0, element.isNot) }
    }
}
