/// The strings a wildcard pattern matches, written as a list of steps so that two patterns can be
/// compared: `intersects` (some string matches both) and `subsumes` (every string the other
/// matches, this one matches too). `WildcardPattern` and `ARNPattern` describe themselves this way
/// (`language`); the evaluator keeps matching with their own linear-time matchers, and `matches`
/// here is the reference those are tested against.
///
/// The alphabet is Unicode scalars, as for `?` in `WildcardPattern`.
package struct PatternLanguage: Sendable, Hashable {
    package enum Step: Sendable, Hashable {
        /// Exactly one scalar from the set: `?`, or a literal character as a one-member set.
        case one(ScalarSet)
        /// Any number of scalars from the set, none included: `*`.
        case run(ScalarSet)
    }

    package let steps: [Step]

    package init(steps: [Step]) {
        self.steps = steps
    }

    /// The language of exactly `text`.
    package init(literal text: String) {
        steps = text.unicodeScalars.map { .one(.only([$0])) }
    }

    /// True when no string matches: some step needs a character from an empty set.
    package var isEmpty: Bool {
        steps.contains { if case .one(let set) = $0 { set.isEmpty } else { false } }
    }

    // MARK: Matching

    /// Runs the steps as an automaton over the subject: time |subject| × |steps|, no backtracking.
    package func matches(_ subject: String) -> Bool {
        var active = StateSet(count: steps.count + 1)
        active.insert(0)
        closeOverRuns(&active)
        for scalar in subject.unicodeScalars {
            active = advance(active, by: scalar)
            if active.isEmpty { return false }
        }
        return active.contains(steps.count)
    }

    /// The states reached from `states` by reading `scalar`, closed over skipped runs.
    private func advance(_ states: StateSet, by scalar: Unicode.Scalar) -> StateSet {
        var next = StateSet(count: steps.count + 1)
        states.forEach { index in
            guard index < steps.count else { return }
            switch steps[index] {
            case .one(let set) where set.contains(scalar): next.insert(index + 1)
            case .run(let set) where set.contains(scalar): next.insert(index)
            default: break
            }
        }
        closeOverRuns(&next)
        return next
    }

    /// A run may match nothing, so being before it is also being after it.
    private func closeOverRuns(_ states: inout StateSet) {
        for index in steps.indices where states.contains(index) {
            if case .run = steps[index] { states.insert(index + 1) }
        }
    }

    // MARK: Comparing

    /// Whether some string matches both languages. Walks the product of the two automata: at most
    /// (|self| + 1) × (|other| + 1) states, each visited once.
    package func intersects(_ other: PatternLanguage) -> Bool {
        let a = steps, b = other.steps
        let width = b.count + 1
        var visited = [Bool](repeating: false, count: (a.count + 1) * width)
        var pending: [(Int, Int)] = [(0, 0)]
        visited[0] = true
        func visit(_ i: Int, _ j: Int) {
            let slot = i * width + j
            if !visited[slot] {
                visited[slot] = true
                pending.append((i, j))
            }
        }
        while let (i, j) = pending.popLast() {
            if i == a.count && j == b.count { return true }
            if i < a.count, case .run = a[i] { visit(i + 1, j) }
            if j < b.count, case .run = b[j] { visit(i, j + 1) }
            guard i < a.count, j < b.count, a[i].characters.overlaps(b[j].characters) else { continue }
            visit(a[i].isRun ? i : i + 1, b[j].isRun ? j : j + 1)
        }
        return false
    }

    /// Whether every string `other` matches, this language matches too.
    ///
    /// Explores `other`'s automaton together with the set of states this language can be in after
    /// the same text, looking for a text `other` accepts and this language does not. Deciding
    /// inclusion for patterns with `?` after `*` is coNP-hard (the state sets can grow
    /// exponentially: `*a??????`), so the search gives up after `workLimit` state updates and
    /// answers false: "not shown to cover", the safe answer when minimising or reporting
    /// redundancy. Policy-shaped patterns stay far below the limit.
    package func subsumes(_ other: PatternLanguage) -> Bool {
        var budget = Self.workLimit
        return subsumes(other, budget: &budget)
    }

    /// As `subsumes(_:)`, spending at most `workLimit` of `budget` (state updates) and deducting
    /// what it spent: callers that compare many pairs bound their total work with one budget.
    /// Answers false when the budget runs out.
    package func subsumes(_ other: PatternLanguage, budget: inout Int) -> Bool {
        let limit = min(budget, Self.workLimit)
        // Comparing and setting up cost about one unit per step.
        var work = steps.count + other.steps.count
        defer { budget -= work }
        if other.isEmpty || self == other { return true }
        if isEmpty { return false }
        let alphabet = Self.representativeScalars(self, other)
        var start = StateSet(count: steps.count + 1)
        start.insert(0)
        closeOverRuns(&start)
        pruneDominated(&start)

        struct Pair: Hashable {
            var otherState: Int
            var states: StateSet
        }
        var visited: Set<Pair> = []
        var pending: [Pair] = []
        /// False when the pair is a counterexample: `other` accepts the text read so far and this
        /// language does not. Checked on arrival, so a counterexample ends the search at once.
        func visit(_ pair: Pair) -> Bool {
            if pair.otherState == other.steps.count && !pair.states.contains(steps.count) { return false }
            if visited.insert(pair).inserted { pending.append(pair) }
            return true
        }
        guard visit(Pair(otherState: 0, states: start)) else { return false }
        while let pair = pending.popLast() {
            guard pair.otherState < other.steps.count else { continue }
            let step = other.steps[pair.otherState]
            let target = step.isRun ? pair.otherState : pair.otherState + 1
            // A listed set's members are all in the alphabet; only a complement needs the scan.
            let characters = step.characters
            for scalar in characters.isComplement ? alphabet : characters.named where characters.contains(scalar) {
                work += steps.count + 1
                guard work <= limit else { return false }
                var next = advance(pair.states, by: scalar)
                // Every state of a non-empty `other` can still reach acceptance, so a dead end
                // here is a counterexample.
                if next.isEmpty { return false }
                pruneDominated(&next)
                guard visit(Pair(otherState: target, states: next)) else { return false }
            }
            // Skipping the run is pushed last, so explored first: the search follows `other`'s
            // shortest texts before the runs' variations, which finds most counterexamples at once.
            if step.isRun, !visit(Pair(otherState: pair.otherState + 1, states: pair.states)) { return false }
        }
        return true
    }

    /// Steps of this language's automaton updated, at most: milliseconds on hostile input, far
    /// above what policy-shaped patterns need (at most about 20,000 across the managed policies
    /// and the tests).
    private static let workLimit = 1_000_000

    /// Before an unrestricted run, anything still to come can be absorbed by that run, so states
    /// before the last such run in the set add nothing. Keeps the state sets small: after `*`, only
    /// the run and the states following it matter.
    private func pruneDominated(_ states: inout StateSet) {
        var lastRun: Int?
        states.forEach { index in
            if index < steps.count, steps[index] == .run(.any) { lastRun = index }
        }
        if let lastRun { states.removeAll(below: lastRun) }
    }

    /// One scalar for each way a character can behave in these languages: every scalar a set names
    /// explicitly, and one scalar no set names (which every set treats alike).
    private static func representativeScalars(_ first: PatternLanguage, _ second: PatternLanguage) -> [Unicode.Scalar] {
        var named: Set<Unicode.Scalar> = []
        for step in first.steps + second.steps { named.formUnion(step.characters.named) }
        var alphabet = named.sorted { $0.value < $1.value }
        // From the private-use area up: far more scalars than any pattern can name.
        if let unnamed = (0xE000...0x10FFFF).lazy.compactMap(Unicode.Scalar.init).first(where: { !named.contains($0) }) {
            alphabet.append(unnamed)
        }
        return alphabet
    }
}

extension PatternLanguage.Step {
    var characters: ScalarSet {
        switch self {
        case .one(let set), .run(let set): set
        }
    }

    var isRun: Bool {
        if case .run = self { return true }
        return false
    }
}

/// The characters a pattern step accepts: a few named scalars, or every scalar except a few.
package struct ScalarSet: Sendable, Hashable {
    /// Sorted, without repeats; few enough that a linear scan beats hashing.
    fileprivate let named: [Unicode.Scalar]
    fileprivate let isComplement: Bool

    private init(named: [Unicode.Scalar], isComplement: Bool) {
        if named.count < 2 {
            self.named = named
        } else {
            var unique: [Unicode.Scalar] = []
            for scalar in named.sorted(by: { $0.value < $1.value }) where unique.last != scalar {
                unique.append(scalar)
            }
            self.named = unique
        }
        self.isComplement = isComplement
    }

    package static let any = ScalarSet(named: [], isComplement: true)

    package static func only(_ scalars: [Unicode.Scalar]) -> ScalarSet {
        ScalarSet(named: scalars, isComplement: false)
    }

    package static func anyExcept(_ scalars: [Unicode.Scalar]) -> ScalarSet {
        ScalarSet(named: scalars, isComplement: true)
    }

    package var isEmpty: Bool { !isComplement && named.isEmpty }

    package func contains(_ scalar: Unicode.Scalar) -> Bool {
        named.contains(scalar) != isComplement
    }

    /// Whether some scalar is in both sets. Two complements always share one: each excludes only
    /// a few of the 1.1 million scalars.
    package func overlaps(_ other: ScalarSet) -> Bool {
        switch (isComplement, other.isComplement) {
        case (true, true): true
        case (false, _): named.contains(where: other.contains)
        case (true, false): other.named.contains(where: contains)
        }
    }

    /// The members of both sets.
    package func intersection(_ other: ScalarSet) -> ScalarSet {
        switch (isComplement, other.isComplement) {
        case (true, true): .anyExcept(named + other.named)
        case (false, _): .only(named.filter(other.contains))
        case (true, false): .only(other.named.filter(contains))
        }
    }
}

/// A set of automaton states (step indices), as bits.
private struct StateSet: Hashable {
    private var words: [UInt64]

    init(count: Int) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    func contains(_ index: Int) -> Bool {
        words[index / 64] & (1 << UInt64(index % 64)) != 0
    }

    mutating func insert(_ index: Int) {
        words[index / 64] |= 1 << UInt64(index % 64)
    }

    mutating func removeAll(below index: Int) {
        for word in 0..<(index / 64) { words[word] = 0 }
        words[index / 64] &= ~((1 << UInt64(index % 64)) - 1)
    }

    /// Calls `body` with each index in the set, ascending.
    func forEach(_ body: (Int) -> Void) {
        for (wordIndex, word) in words.enumerated() {
            var rest = word
            while rest != 0 {
                body(wordIndex * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
    }
}
