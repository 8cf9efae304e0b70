import ServiceLifecycle
import SwitchyardStore

/// Leadership by a PostgreSQL advisory lock, for replicas that share a database without a Kubernetes Lease to elect
/// by. Run it as a service: on graceful shutdown it releases the lock, so another replica takes over at once.
public struct AdvisoryLockLeadership: Leadership, ServiceLifecycle.Service {
    let lock: PostgresLeaderLock

    public init(lock: PostgresLeaderLock) {
        self.lock = lock
    }

    public var isLeader: Bool { lock.isLeader }

    public var tenure: Int? { lock.tenure }

    public func waitForNewTenure(timeout: Duration) async -> Bool {
        await lock.waitForNewTenure(timeout: timeout)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await lock.hold() }
    }
}
