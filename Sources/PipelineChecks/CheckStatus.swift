/// The outcome of one pipeline check.
package enum CheckStatus: String, Sendable, Hashable, CaseIterable {
    case pass
    case fail
    /// The answer depends on a value the inputs do not hold (an unresolved intrinsic, a symbolic
    /// account, a policy of a resource outside the template); the reason names it.
    case unknown
    /// The pipeline's configuration does not need this check (stream-only, export-only).
    case skipped
}
