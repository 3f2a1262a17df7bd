import PolicyModel

/// Which of a caller's statements cover an ARN through `Resource`/`NotResource`. When a request
/// differs between two ARNs only in the resource, the evaluator can tell them apart only through
/// these elements: ARNs with the same coverage get the same answer, so one of them is asked for
/// all (all roles a `Resource: "*"` covers, all roles matching `role/app-*`).
struct ResourceCoverage: Hashable, Sendable {
    /// One flag per statement whose coverage varies with the ARN, in order; nil when the ARN
    /// must be asked on its own (a policy variable or symbolic value makes the match depend on
    /// more than the text).
    private let covered: [Bool]?
    private let alone: String?
    /// Whether an `Allow` statement covers the ARN: without one no identity-based policy can
    /// allow a request on it.
    let anyAllow: Bool

    init(_ arn: String, statements: [Statement]) {
        self.init(arn, Statements(statements))
    }

    private init(_ arn: String, _ statements: Statements) {
        guard !statements.symbolic, !SymbolToken.containsToken(arn) else {
            (covered, alone, anyAllow) = (nil, arn, true)
            return
        }
        let split = SplitARN(arn)
        let flags = statements.varying.map { $0.covers(split, resolve: { _ in nil }) }
        covered = flags
        alone = nil
        anyAllow = statements.allowsEverywhere || zip(statements.varying, flags).contains { $0.effect == .allow && $1 }
    }

    /// A list of statements read once: which ones cover every ARN alike (`Resource: "*"`), and
    /// whether any makes coverage depend on more than the ARN's text.
    private struct Statements {
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

    /// The ARNs grouped by coverage (and by `extra`, what else the request takes from the
    /// target), groups in the order of their first ARN.
    static func groups<Extra: Hashable>(_ arns: [String], statements: [Statement], extra: (String) -> Extra) -> [(coverage: ResourceCoverage, arns: [String])] {
        let read = Statements(statements)
        var order: [Key<Extra>] = []
        var byKey: [Key<Extra>: [String]] = [:]
        for arn in arns {
            let key = Key(coverage: ResourceCoverage(arn, read), extra: extra(arn))
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(arn)
        }
        return order.map { ($0.coverage, byKey[$0] ?? []) }
    }

    private struct Key<Extra: Hashable>: Hashable {
        var coverage: ResourceCoverage
        var extra: Extra
    }
}
