/// ARNs indexed so that the ones a `Resource` pattern matches are found without testing every
/// ARN: grouped by their first five parts (lower-cased, as `ARNPattern.matches` compares them),
/// each group sorted by its resource part. A pattern is tested, with `matches` itself, only on
/// the ARNs of the groups its first five parts match whose resource part starts with the
/// pattern's fixed text (`role/app-` for `role/app-*`): the same answer, ARN by ARN, as testing
/// them all, at a cost that grows with the matches rather than with the account.
package struct ARNPatternIndex: Sendable {
    private struct Group: Sendable {
        /// The five lower-cased prefix parts.
        let head: [[UInt8]]
        /// Resource parts in byte order, with their positions in `arns`.
        let resources: [[UInt8]]
        let positions: [Int]
    }

    private let arns: [SplitARN]
    private let groups: [Group]

    package init(_ arns: [SplitARN]) {
        self.arns = arns
        var byHead: [[[UInt8]]: [(resource: [UInt8], position: Int)]] = [:]
        var order: [[[UInt8]]] = []
        for (position, arn) in arns.enumerated() {
            // ARNs without six parts match no segmented pattern; whole patterns test every ARN.
            guard let (head, resource) = arn.withBytes(lowercased: true, { buffer, starts in
                ((0..<5).map { Array(buffer[starts[$0]..<(starts[$0 + 1] - 1)]) }, Array(buffer[starts[5]...]))
            }) else { continue }
            if byHead[head] == nil { order.append(head) }
            byHead[head, default: []].append((resource, position))
        }
        groups = order.map { head in
            let members = (byHead[head] ?? []).sorted { $0.resource.lexicographicallyPrecedes($1.resource) }
            return Group(head: head, resources: members.map(\.resource), positions: members.map(\.position))
        }
    }

    /// The positions (into the ARNs given) of the ARNs `pattern` matches, each once.
    package func positions(matching pattern: ARNPattern) -> [Int] {
        guard case .segmented(let prefix, let resource) = pattern.shape else {
            return arns.indices.filter { pattern.matches(arns[$0]) }
        }
        let leading = resource.leadingLiteral
        var found: [Int] = []
        for group in groups where zip(prefix, group.head).allSatisfy({ part, head in head.withUnsafeBufferPointer { part.matches(bytes: $0) } }) {
            // The first resource part not before the fixed text: those that start with it follow.
            var low = 0
            var high = group.resources.count
            while low < high {
                let middle = (low + high) / 2
                if group.resources[middle].lexicographicallyPrecedes(leading) { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < group.resources.count, group.resources[index].starts(with: leading) {
                if pattern.matches(arns[group.positions[index]]) { found.append(group.positions[index]) }
                index += 1
            }
        }
        return found
    }
}
