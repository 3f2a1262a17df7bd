extension Sequence {
    /// The elements without repeats, each kept where it first appears.
    @inlinable package func uniqued() -> [Element] where Element: Hashable {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }

    /// The elements whose `key` has not come before, each kept where it first appears.
    @inlinable package func uniqued<Key: Hashable>(by key: (Element) -> Key) -> [Element] {
        var seen: Set<Key> = []
        return filter { seen.insert(key($0)).inserted }
    }

    /// The elements grouped by `key`: groups in the order of their first element, elements in
    /// their order (reports and printed policies keep the order things were written in).
    @inlinable package func groupedInOrder<Key: Hashable>(by key: (Element) -> Key) -> [(Key, [Element])] {
        var groups: [(Key, [Element])] = []
        var groupIndex: [Key: Int] = [:]
        for element in self {
            let elementKey = key(element)
            if let index = groupIndex[elementKey] {
                groups[index].1.append(element)
            } else {
                groupIndex[elementKey] = groups.count
                groups.append((elementKey, [element]))
            }
        }
        return groups
    }
}
