import Synchronization

/// Wakes every task waiting for something to happen (a table changed by another replica, this replica becoming the
/// leader) when it happens. Something that happens between a waiter's last look and its wait is not seen: the
/// waiter's timeout bounds what that costs.
public final class WakeSignal: Sendable {
    private struct State {
        var next: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// Waits ended (timed out or cancelled) before their continuation was registered.
        var ended: Set<UInt64> = []
        /// Signals so far.
        var changes: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Returns at the next signal, or after `timeout`, or when the task is cancelled: true when signalled meanwhile.
    @discardableResult
    public func wait(timeout: Duration) async -> Bool {
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

    /// Wakes every task waiting now.
    public func signal() {
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

/// Wakes whoever waits for a table to change when a commit (by any replica) changed it, as the change listener
/// reports it.
final class TableChangeSignal: TableChangeObserver {
    private let table: String
    private let wakeups = WakeSignal()

    init(table: String) {
        self.table = table
    }

    /// Returns at the table's next change (true), or after `timeout`, or when the task is cancelled.
    @discardableResult
    func wait(timeout: Duration) async -> Bool {
        await wakeups.wait(timeout: timeout)
    }

    func tablesDidChange(_ tables: Set<String>?) {
        guard tables?.contains(table) ?? true else { return }
        wakeups.signal()
    }
}
