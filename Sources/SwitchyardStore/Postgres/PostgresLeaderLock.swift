import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// Leadership among replicas that share a PostgreSQL database, where there is no Kubernetes Lease: the replica whose
/// session holds a session-level advisory lock leads. The lock is held on a connection of its own, outside the pool,
/// so it is released exactly when that session ends: at ``hold()``'s end (graceful shutdown, handed over at once), or
/// when the server sees the connection close (the process killed, the host gone).
///
/// A replica counts itself leader from taking the lock until a liveness query on its session fails; a replica cut off
/// from the server may believe it leads for up to one retry period after the server has released its lock, which the
/// leadership terms that fence every push make harmless.
public final class PostgresLeaderLock: Sendable {
    /// The advisory lock's key: one per database, the same in every replica.
    public static let defaultKey: Int64 = 0x5357_4954_4348_5944

    private struct State {
        var leading = false
        var tenures = 0
    }

    let location: PostgresLocation
    let key: Int64
    let retryPeriod: Duration
    let logger: Logger
    private let state = Mutex(State())
    private let newTenures = WakeSignal()

    /// - Parameter retryPeriod: time between attempts to take the lock, and between liveness checks while holding it.
    public init(
        location: PostgresLocation, key: Int64 = PostgresLeaderLock.defaultKey, retryPeriod: Duration = .milliseconds(250),
        logger: Logger = Logger(label: "switchyard.leader-lock")
    ) {
        self.location = location
        self.key = key
        self.retryPeriod = retryPeriod
        self.logger = logger
    }

    /// True while this replica's session holds the lock.
    public var isLeader: Bool { state.withLock { $0.leading } }

    /// Which spell of leadership this replica is in; nil while it follows.
    public var tenure: Int? { state.withLock { $0.leading ? $0.tenures : nil } }

    /// Returns when this replica takes the lock (true), or after `timeout` (false).
    public func waitForNewTenure(timeout: Duration) async -> Bool {
        await newTenures.wait(timeout: timeout)
    }

    /// Tries to take the lock until it holds it, then keeps checking its session, and takes it again whenever the
    /// session was lost; returns when the task is cancelled, after releasing the lock.
    public func hold() async {
        var connectionID = 0
        while !Task.isCancelled {
            connectionID += 1
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: try location.connectionConfiguration(), id: connectionID, logger: logger)
                await holdOnce(on: connection)
                try? await connection.close()
            } catch {
                logger.warning("leader lock connection failed", metadata: ["error": "\(error)"])
            }
            set(leading: false)
            try? await Task.sleep(for: retryPeriod)
        }
    }

    /// Takes and holds the lock on one session until it fails or the task is cancelled.
    private func holdOnce(on connection: PostgresConnection) async {
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            // A holder that stops answering (paused, hung, cut off) loses its session, and the lock, when the server
            // has heard nothing for this long. Servers before PostgreSQL 14 do not have the setting: there the lock
            // goes only when the connection is seen closed.
            do {
                try await session.execute("SET idle_session_timeout = '\(Self.milliseconds(idleSessionTimeout))ms'")
            } catch {
                logger.warning("leader lock: idle_session_timeout not set", metadata: ["error": "\(error)"])
            }
            while !Task.isCancelled {
                if !isLeader {
                    let taken: Bool = try await session.row("SELECT pg_try_advisory_lock($1) AS taken", [key])?["taken"] ?? false
                    if taken { set(leading: true) }
                } else {
                    try await session.execute("SELECT 1")
                }
                try await Task.sleep(for: retryPeriod)
            }
        } catch is CancellationError {
        } catch {
            logger.warning("leader lock session lost", metadata: ["error": "\(error)"])
            set(leading: false)
            return
        }
        if isLeader {
            // Handed over at once: the others' next attempt takes it. Closing the session would release it too.
            set(leading: false)
            try? await session.execute("SELECT pg_advisory_unlock($1)", [key])
            logger.notice("leader lock released")
        }
    }

    /// How long the server waits for a word from the holder's session before ending it: eight retry periods, at
    /// least two seconds (so that a holder starved of CPU for a moment does not lose the lock).
    var idleSessionTimeout: Duration { max(.seconds(2), retryPeriod * 8) }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    private func set(leading: Bool) {
        let changed = state.withLock { state in
            guard state.leading != leading else { return false }
            state.leading = leading
            if leading { state.tenures += 1 }
            return true
        }
        guard changed else { return }
        logger.notice(leading ? "leader lock taken" : "leader lock lost")
        if leading { newTenures.signal() }
    }
}
