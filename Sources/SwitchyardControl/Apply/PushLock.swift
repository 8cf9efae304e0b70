/// Serialises pushes that touch the same models, and lets a failover push go first.
///
/// An actor alone does not serialise work that suspends (actor methods interleave at every `await`), so callers
/// queue here. A caller holds a scope (every model, or some models); callers whose scopes overlap run one at a
/// time in arrival order, while disjoint ones run side by side. A failover push queues ahead of every other
/// caller and preempts holders that can be redone later (drift correction and convergence passes), so it never
/// waits behind them.
actor PushLock {
    /// The models a push may touch.
    enum Scope: Sendable, Equatable {
        case all
        case models(Set<String>)

        func overlaps(_ other: Scope) -> Bool {
            switch (self, other) {
            case (.all, _), (_, .all): true
            case (.models(let mine), .models(let theirs)): !mine.isDisjoint(with: theirs)
            }
        }
    }

    enum Priority: Sendable {
        case normal
        /// Queues ahead of normal callers and preempts the preemptible holders it overlaps.
        case failover
    }

    private struct Holder {
        let scope: Scope
        let preemption: Preemption?
    }

    private struct Waiter {
        let id: Int
        let scope: Scope
        let priority: Priority
        let holder: Holder
        let continuation: CheckedContinuation<Void, Never>
    }

    private var holders: [Int: Holder] = [:]
    private var waiting: [Waiter] = []
    private var nextID = 0

    /// Runs `body` once no earlier caller with an overlapping scope holds or awaits the lock.
    /// - Parameter preemptible: a failover push may interrupt `body`: the operation it runs through the
    ///   ``Preemption`` then throws ``PushPreempted``.
    func withLock<T: Sendable>(
        _ scope: Scope = .all, priority: Priority = .normal, preemptible: Bool = false,
        _ body: @Sendable (Preemption) async throws -> T
    ) async throws -> T {
        let preemption = Preemption()
        let id = await acquire(scope, priority: priority, holder: Holder(scope: scope, preemption: preemptible ? preemption : nil))
        defer { release(id) }
        return try await body(preemption)
    }

    /// Scopes held now, for tests.
    var heldScopes: [Scope] { holders.values.map(\.scope) }

    private func acquire(_ scope: Scope, priority: Priority, holder: Holder) async -> Int {
        let id = nextID
        nextID += 1
        if priority == .failover {
            for other in holders.values where other.scope.overlaps(scope) { other.preemption?.preempt() }
        }
        let position = priority == .failover
            ? waiting.firstIndex { $0.priority != .failover } ?? waiting.count
            : waiting.count
        let blocked = holders.values.contains { $0.scope.overlaps(scope) }
            || waiting[..<position].contains { $0.scope.overlaps(scope) }
        guard blocked else {
            holders[id] = holder
            return id
        }
        await withCheckedContinuation { continuation in
            waiting.insert(Waiter(id: id, scope: scope, priority: priority, holder: holder, continuation: continuation), at: position)
        }
        return id
    }

    /// Grants, in queue order, every waiter that overlaps neither a holder nor a waiter ahead of it.
    private func release(_ id: Int) {
        holders[id] = nil
        var index = 0
        while index < waiting.count {
            let waiter = waiting[index]
            let blocked = holders.values.contains { $0.scope.overlaps(waiter.scope) }
                || waiting[..<index].contains { $0.scope.overlaps(waiter.scope) }
            if blocked {
                index += 1
                continue
            }
            waiting.remove(at: index)
            holders[waiter.id] = waiter.holder
            waiter.continuation.resume()
        }
    }
}
