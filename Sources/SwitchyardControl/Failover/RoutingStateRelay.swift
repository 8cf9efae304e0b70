import Synchronization

/// Breaks the wiring cycle between the apply pipeline and the failover controller: the `ApplyService` is built
/// with the relay as its routing state, the ``FailoverController`` with the `ApplyService` as its pusher, and
/// the relay is then connected to the controller. Until connected it reports no overrides.
public final class RoutingStateRelay: RoutingStateSource {
    private let source = Mutex<(any RoutingStateSource)?>(nil)

    public init() {}

    /// Routes every later `current()` to `source`.
    public func connect(_ source: any RoutingStateSource) {
        self.source.withLock { $0 = source }
    }

    public func current() async throws -> RoutingOverrides {
        guard let source = source.withLock({ $0 }) else { return RoutingOverrides() }
        return try await source.current()
    }
}
