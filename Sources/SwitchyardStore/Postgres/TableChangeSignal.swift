import Synchronization

/// Wakes whoever waits for a table to change when a commit (by any replica) changed it, as the change listener
/// reports it. A change between a waiter's last read and its wait is not seen: the timeout bounds what that costs.
final class TableChangeSignal: TableChangeObserver, Sendable {
    private struct State {
        var next: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// Waits ended (timed out or cancelled) before their continuation was registered.
        var ended: Set<UInt64> = []
        /// Changes seen so far.
        var changes: UInt64 = 0
    }

    private let table: String
    private let state = Mutex(State())

    init(table: String) {
        self.table = table
    }

    /// Returns at the table's next change, or after `timeout`, or when the task is cancelled: true when the table
    /// changed meanwhile.
    @discardableResult
    func wait(timeout: Duration) async -> Bool {
        let (id, changesBefore) = state.withLock { state in
            state.next += 1
            return (state.next, state.changes)
        }
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self.resume(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let endedAlready = state.withLock { state in
                    if state.ended.remove(id) != nil { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if endedAlready { continuation.resume() }
            }
        } onCancel: {
            self.resume(id)
        }
        timer.cancel()
        return state.withLock { state in
            state.ended.remove(id)
            return state.changes != changesBefore
        }
    }

    func tablesDidChange(_ tables: Set<String>?) {
        guard tables?.contains(table) ?? true else { return }
        let waiting = state.withLock { state in
            state.changes += 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    private func resume(_ id: UInt64) {
        let waiting = state.withLock { state in
            guard let continuation = state.waiters.removeValue(forKey: id) else {
                state.ended.insert(id)
                return CheckedContinuation<Void, Never>?.none
            }
            return continuation
        }
        waiting?.resume()
    }
}
