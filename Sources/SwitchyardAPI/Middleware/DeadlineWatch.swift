import Synchronization

/// The requests running under a deadline, and one watcher that cancels those that overrun it.
///
/// The watch holds a handle to a request's task between ``start(deadline:)`` and ``finish(_:)`` and cancels it once
/// the deadline has passed, checking every `resolution` while any request is running (and not at all while none
/// is). That costs a request two lock operations, where a timer task racing each request would cost a task and a
/// timer.
final class DeadlineWatch: Sendable {
    /// One running request.
    struct Ticket: Sendable {
        fileprivate let id: UInt64
    }

    /// A task handle that may be cancelled from the watcher: valid while its request is registered, since the
    /// request's task outlives its registration.
    private struct Handle: @unchecked Sendable {
        let task: UnsafeCurrentTask
        let deadline: ContinuousClock.Instant
    }

    private struct State {
        var nextID: UInt64 = 0
        var running: [UInt64: Handle] = [:]
        var expired: Set<UInt64> = []
        var watching = false
    }

    private let state = Mutex(State())
    private let resolution: Duration

    init(resolution: Duration = .milliseconds(100)) {
        self.resolution = resolution
    }

    /// Registers the calling task until `deadline`.
    func start(deadline: ContinuousClock.Instant) -> Ticket {
        withUnsafeCurrentTask { task in
            guard let task else { return Ticket(id: .max) }
            let (id, startsWatcher) = state.withLock { state -> (UInt64, Bool) in
                state.nextID += 1
                state.running[state.nextID] = Handle(task: task, deadline: deadline)
                defer { state.watching = true }
                return (state.nextID, !state.watching)
            }
            if startsWatcher { Task.detached { await self.watch() } }
            return Ticket(id: id)
        }
    }

    /// Unregisters the request; whether its deadline passed (and its task was cancelled) while it ran.
    func finish(_ ticket: Ticket) -> Bool {
        state.withLock { state in
            state.running[ticket.id] = nil
            return state.expired.remove(ticket.id) != nil
        }
    }

    /// Cancels overdue requests every `resolution` until none is running.
    private func watch() async {
        while true {
            try? await Task.sleep(for: resolution)
            let now = ContinuousClock.now
            let idle = state.withLock { state -> Bool in
                for (id, handle) in state.running where handle.deadline <= now && !state.expired.contains(id) {
                    state.expired.insert(id)
                    handle.task.cancel()
                }
                if state.running.isEmpty { state.watching = false }
                return state.running.isEmpty
            }
            if idle { return }
        }
    }
}
