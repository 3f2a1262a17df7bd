import Dispatch

/// Runs `body` for every index on all cores and returns the results in index order, so what
/// the graph builds does not depend on which core finished first.
enum ParallelMap {
    static func map<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(body(index), at: index)
        }
        return slots.results
    }

    /// One slot per index, each written by exactly one iteration before `concurrentPerform`
    /// returns, and read only after it: no two threads touch the same slot.
    private final class Slots<Result>: @unchecked Sendable {
        private var buffer: UnsafeMutableBufferPointer<Result?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }

        func store(_ result: Result, at index: Int) { buffer[index] = result }

        var results: [Result] { buffer.compactMap { $0 } }
    }
}
