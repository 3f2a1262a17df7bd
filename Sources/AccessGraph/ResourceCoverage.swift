import PolicyModel

/// ARNs read once for grouping: each split into its parts, with its account.
struct TargetList: Sendable {
    let arns: [String]
    let splits: [SplitARN]
    let accounts: [String?]
    /// Whether an ARN holds a symbol: then no statement's coverage of it is certain.
    let symbolic: [Bool]
    /// Each ARN's place in `index`, when every ARN has one.
    let positions: [Int]?
    /// Each ARN's account as a small number (equal accounts, equal numbers).
    let accountNumbers: [Int]
    let index: CoverageIndex?

    init(_ arns: [String], index: CoverageIndex? = nil) {
        self.arns = arns
        splits = arns.map(SplitARN.init)
        accounts = splits.map(\.account)
        var numbers: [String?: Int] = [:]
        accountNumbers = accounts.map { account in
            if let number = numbers[account] { return number }
            numbers[account] = numbers.count
            return numbers.count - 1
        }
        symbolic = arns.map(SymbolToken.containsToken)
        let positions = index.map { index in arns.compactMap { index.positions[$0] } }
        self.positions = positions?.count == arns.count ? positions : nil
        self.index = self.positions == nil ? nil : index
    }

    /// The targets at `indexes`, in that order.
    subscript(indexes: [Int]) -> [String] { indexes.map { arns[$0] } }
}

/// Which of a caller's statements cover an ARN through `Resource`/`NotResource`. When a request
/// differs between two ARNs only in the resource, the evaluator can tell them apart only through
/// these elements: ARNs with the same coverage get the same answer, so one of them is asked for
/// all (all roles a `Resource: "*"` covers, all roles matching `role/app-*`).
struct ResourceCoverage: Hashable, Sendable {
    /// One bit per statement whose coverage varies with the ARN, in order; empty with `alone`
    /// set when the ARN must be asked on its own (a policy variable or symbolic value makes the
    /// match depend on more than the text).
    private let covered: [UInt64]
    private let alone: String?
    /// Whether an `Allow` statement covers the ARN: without one no identity-based policy can
    /// allow a request on it.
    let anyAllow: Bool

    init(_ arn: String, statements: [Statement]) {
        self.init(SplitARN(arn), symbolicARN: SymbolToken.containsToken(arn), Statements(statements))
    }

    private init(covered: [UInt64], anyAllow: Bool) {
        self.covered = covered
        self.alone = nil
        self.anyAllow = anyAllow
    }

    private init(_ arn: SplitARN, symbolicARN: Bool, _ statements: Statements) {
        guard !statements.symbolic, !symbolicARN else {
            (covered, alone, anyAllow) = ([], arn.text, true)
            return
        }
        var words = [UInt64](repeating: 0, count: (statements.varying.count + 63) / 64)
        var allow = statements.allowsEverywhere
        for (index, statement) in statements.varying.enumerated() where statement.covers(arn, resolve: { _ in nil }) {
            words[index / 64] |= 1 << UInt64(index % 64)
            if statement.effect == .allow { allow = true }
        }
        covered = words
        alone = nil
        anyAllow = allow
    }

    /// A list of statements read once: which ones cover every ARN alike (`Resource: "*"`), and
    /// whether any makes coverage depend on more than the ARN's text.
    fileprivate struct Statements: Sendable {
        let varying: [Statement]
        let allowsEverywhere: Bool
        let symbolic: Bool

        init(_ statements: [Statement]) {
            func universal(_ statement: Statement) -> Bool {
                guard let element = statement.resource else { return true }
                return element.patterns.contains { $0.text == "*" }
            }
            varying = statements.filter { !universal($0) }
            allowsEverywhere = statements.contains { $0.effect == .allow && universal($0) && $0.resource?.isNot != true }
            symbolic = statements.contains { statement in
                statement.resource?.patterns.contains { $0.compiled == nil || SymbolToken.containsToken($0.text) } == true
            }
        }
    }

    /// The targets grouped by coverage and account (the request takes the resource's account
    /// from the ARN), as indexes into `targets`, groups in the order of their first target.
    static func groups(_ targets: TargetList, statements: [Statement]) -> [(coverage: ResourceCoverage, members: [Int])] {
        groups(targets, reader: Reader(statements, index: targets.index))
    }

    /// A caller's statements read once for grouping many target lists: which vary with the ARN,
    /// and their bits in the index when it holds all of them.
    struct Reader: Sendable {
        fileprivate let read: Statements
        let uniform: Bool
        let indexed: [(bits: [UInt64], isNot: Bool, allows: Bool)]?

        init(_ statements: [Statement], index: CoverageIndex?) {
            read = Statements(statements)
            uniform = read.varying.isEmpty && !read.symbolic
            var indexed: [(bits: [UInt64], isNot: Bool, allows: Bool)]?
            if !uniform, !read.symbolic, let index {
                let sets = read.varying.compactMap { statement in index.coverage(of: statement).map { ($0.bits, $0.isNot, statement.effect == .allow) } }
                if sets.count == read.varying.count { indexed = sets }
            }
            self.indexed = indexed
        }
    }

    static func groups(_ targets: TargetList, reader: Reader) -> [(coverage: ResourceCoverage, members: [Int])] {
        let read = reader.read
        var order: [Key] = []
        var byKey: [Key: [Int]] = [:]
        let uniform = reader.uniform
        let shared = uniform ? ResourceCoverage(SplitARN(""), symbolicARN: false, read) : nil
        // Bits read from the index when it holds every varying statement's patterns.
        let indexed = targets.index == nil ? nil : reader.indexed
        if uniform, !targets.symbolic.contains(true), let shared {
            // Every statement covers every target alike: only accounts tell them apart.
            return targets.arns.indices.groupedInOrder(by: { targets.accountNumbers[$0] }).map { (shared, $0.1) }
        }
        if let indexed, indexed.count <= 64, let positions = targets.positions, !targets.symbolic.contains(true) {
            return signatureGroups(targets, indexed: indexed, positions: positions, allowsEverywhere: read.allowsEverywhere)
        }
        let words = (read.varying.count + 63) / 64
        for index in targets.arns.indices {
            var fromIndex: ResourceCoverage?
            if let indexed, let position = targets.positions?[index], !targets.symbolic[index] {
                var covered = [UInt64](repeating: 0, count: words)
                var allow = read.allowsEverywhere
                for (statement, set) in indexed.enumerated() where (set.bits[position / 64] >> UInt64(position % 64)) & 1 == 1 ? !set.isNot : set.isNot {
                    covered[statement / 64] |= 1 << UInt64(statement % 64)
                    if set.allows { allow = true }
                }
                fromIndex = ResourceCoverage(covered: covered, anyAllow: allow)
            }
            let coverage = shared.flatMap { targets.symbolic[index] ? nil : $0 } ?? fromIndex
                ?? ResourceCoverage(targets.splits[index], symbolicARN: targets.symbolic[index], read)
            let key = Key(coverage: coverage, account: targets.accounts[index])
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(index)
        }
        return order.map { ($0.coverage, byKey[$0] ?? []) }
    }

    private struct Key: Hashable {
        var coverage: ResourceCoverage
        var account: String?
    }

    /// `groups` when every varying statement is in the index and there are at most 64: each
    /// target's coverage is one word of bits, so grouping costs a few bit reads per target.
    private static func signatureGroups(_ targets: TargetList, indexed: [(bits: [UInt64], isNot: Bool, allows: Bool)], positions: [Int],
                                        allowsEverywhere: Bool) -> [(coverage: ResourceCoverage, members: [Int])] {
        struct Signature: Hashable {
            var bits: UInt64
            var account: Int
        }
        var allowMask: UInt64 = 0
        for (statement, set) in indexed.enumerated() where set.allows { allowMask |= 1 << UInt64(statement) }
        // Groups are few (most often one): looked up by a scan of the last few, hashed beyond.
        var order: [Signature] = []
        var members: [[Int]] = []
        var byKey: [Signature: Int] = [:]
        let scanned = 8
        for index in positions.indices {
            let position = positions[index]
            var bits: UInt64 = 0
            for statement in indexed.indices {
                let set = indexed[statement]
                if ((set.bits[position / 64] >> UInt64(position % 64)) & 1 == 1) != set.isNot { bits |= 1 << UInt64(statement) }
            }
            let key = Signature(bits: bits, account: targets.accountNumbers[index])
            let group = order.count <= scanned ? order.firstIndex(of: key) : byKey[key]
            if let group {
                members[group].append(index)
                continue
            }
            order.append(key)
            members.append([index])
            if order.count > scanned {
                if byKey.isEmpty { for (group, known) in order.enumerated() { byKey[known] = group } } else { byKey[key] = order.count - 1 }
            }
        }
        return order.indices.map { group in
            (ResourceCoverage(covered: [order[group].bits], anyAllow: allowsEverywhere || order[group].bits & allowMask != 0), members[group])
        }
    }
}
