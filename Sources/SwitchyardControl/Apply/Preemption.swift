import Synchronization

/// Thrown by ``Preemption/run(_:)`` when a failover push interrupted the pass.
public struct PushPreempted: Error, CustomStringConvertible {
    public var description: String { "interrupted by a failover push; the next pass does it again" }
}

/// Lets a failover push interrupt a pass that can be redone (drift correction, convergence): the pass runs its
/// requests through ``run(_:)``, which returns at once with ``PushPreempted`` when preempted, cancelling the
/// request and leaving it to end on its own.
public final class Preemption: Sendable {
    private let state = Mutex<(preempted: Bool, interrupt: (@Sendable () -> Void)?)>((false, nil))

    public init() {}

    public var isPreempted: Bool { state.withLock { $0.preempted } }

    func preempt() {
        let interrupt = state.withLock { state in
            state.preempted = true
            return state.interrupt
        }
        interrupt?()
    }

    /// Runs `operation` unless preempted before or while it runs.
    /// - Throws: ``PushPreempted`` when preempted; else what `operation` throws.
    public func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        defer { state.withLock { $0.interrupt = nil } }
        return try await EarlyReturn.run(operation) { interrupt in
            let registered = state.withLock { state in
                if state.preempted { return false }
                state.interrupt = { interrupt(PushPreempted()) }
                return true
            }
            if !registered { interrupt(PushPreempted()) }
        }
    }
}
