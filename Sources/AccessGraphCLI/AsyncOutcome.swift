import Foundation

/// Runs async work to its end from a synchronous command: the commands are synchronous (so tests
/// run them in-process), the AWS calls are not.
enum AsyncOutcome {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) -> Result<Value, any Error> {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                box.result = .success(try await work())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return box.result ?? .failure(CancellationError())
    }
}

/// Written once by the task, read after the semaphore: no concurrent access.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
