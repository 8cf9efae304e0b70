import Synchronization

/// Runs an operation in a task of its own and returns as soon as it finishes or something interrupts it,
/// whichever is first; an interrupted operation is cancelled and not waited for.
enum EarlyReturn {
    /// - Parameter arm: given a function that interrupts the wait with an error; called once, before waiting.
    static func run<T: Sendable>(
        _ operation: @escaping @Sendable () async throws -> T,
        arm: (@escaping @Sendable (any Error) -> Void) -> Void
    ) async throws -> T {
        let slot = ContinuationSlot<T>()
        return try await withCheckedThrowingContinuation { continuation in
            slot.fill(continuation)
            let task = Task {
                do {
                    slot.resume(with: .success(try await operation()))
                } catch {
                    slot.resume(with: .failure(error))
                }
            }
            arm { error in
                task.cancel()
                slot.resume(with: .failure(error))
            }
        }
    }

    /// `operation`'s result, or nil when `timeout` passes first.
    static func run<T: Sendable>(
        _ operation: @escaping @Sendable () async throws -> T, timeout: Duration
    ) async throws -> T? {
        let timer = TaskSlot()
        defer { timer.cancel() }
        do {
            return try await run(operation) { interrupt in
                timer.set(Task {
                    do {
                        try await Task.sleep(for: timeout)
                    } catch {
                        return
                    }
                    interrupt(TimedOut())
                })
            }
        } catch is TimedOut {
            return nil
        }
    }

    struct TimedOut: Error {}
}

/// A continuation resumed at most once, by whichever of several tasks comes first.
private final class ContinuationSlot<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func fill(_ value: CheckedContinuation<T, any Error>) {
        continuation.withLock { $0 = value }
    }

    func resume(with result: Result<T, any Error>) {
        continuation.withLock { $0.take() }?.resume(with: result)
    }
}

/// A task to cancel later.
private final class TaskSlot: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func set(_ value: Task<Void, Never>) {
        task.withLock { $0 = value }
    }

    func cancel() {
        task.withLock { $0 }?.cancel()
    }
}
