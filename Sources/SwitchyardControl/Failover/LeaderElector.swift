import Foundation
import Logging
import ServiceLifecycle
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// Leader election over a coordination.k8s.io/v1 Lease, as client-go does it: take the lease when it is absent
/// or expired, renew it while holding it, and rely on the API's optimistic concurrency (the resourceVersion
/// sent back on update) so two replicas never both win. A replica is leader until `renewDeadline` after its
/// last successful acquire or renew, which is shorter than the lease duration others wait for.
///
/// Run it as a service; on graceful shutdown it gives the lease up so another replica takes over at once.
public actor LeaderElector: Leadership, ServiceLifecycle.Service {
    public struct Configuration: Sendable {
        public var namespace: String
        public var leaseName: String
        /// This replica's identity, e.g. the pod name.
        public var identity: String
        /// How long others wait after the last renew before taking the lease.
        public var leaseDuration: Duration
        /// How long this replica counts itself leader after its last successful renew; less than `leaseDuration`.
        public var renewDeadline: Duration
        /// Time between attempts to acquire or renew.
        public var retryPeriod: Duration

        public init(
            namespace: String, leaseName: String = "switchyard-failover", identity: String,
            leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2)
        ) {
            self.namespace = namespace
            self.leaseName = leaseName
            self.identity = identity
            self.leaseDuration = leaseDuration
            self.renewDeadline = renewDeadline
            self.retryPeriod = retryPeriod
        }
    }

    public nonisolated let configuration: Configuration
    let kubernetes: any KubernetesCreateUpdateAPI
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger
    /// Until when this replica counts itself leader; nil when it is not.
    private var leaderUntil: Date?
    /// The holder seen at the last attempt.
    public private(set) var observedHolder: String?
    /// Spells of leadership so far: moves on each time this replica becomes the leader.
    private var tenures = 0
    /// Wakes the loops waiting for this replica to lead.
    private nonisolated let newTenures = WakeSignal()

    public init(
        kubernetes: any KubernetesCreateUpdateAPI, configuration: Configuration,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "switchyard.leader-election")
    ) {
        self.kubernetes = kubernetes
        self.configuration = configuration
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    var path: ResourcePath {
        ResourcePath(
            group: "coordination.k8s.io", version: "v1", resource: "leases", namespace: configuration.namespace,
            name: configuration.leaseName)
    }

    public var isLeader: Bool {
        guard let leaderUntil else { return false }
        return now() < leaderUntil
    }

    public var tenure: Int? {
        isLeader ? tenures : nil
    }

    public nonisolated func waitForNewTenure(timeout: Duration) async -> Bool {
        await newTenures.wait(timeout: timeout)
    }

    /// One attempt at time `time`: creates the lease, renews it, or takes it over when expired.
    /// Returns whether this replica holds it afterwards. Errors (a conflict, the API unreachable) count as not holding.
    @discardableResult
    public func tryAcquireOrRenew(at time: Date) async -> Bool {
        let identity = configuration.identity
        let durationSeconds = Int(configuration.leaseDuration.components.seconds)
        do {
            let current: LeaseRecord?
            do {
                current = LeaseRecord(lease: try await kubernetes.get(path))
            } catch KubernetesError.notFound {
                let record = LeaseRecord(
                    holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: time, renewTime: time,
                    leaseTransitions: 0)
                _ = try await kubernetes.create(record.object(name: configuration.leaseName, namespace: configuration.namespace), at: path)
                return won(at: time, transitioned: true)
            }
            var record = current ?? LeaseRecord(
                holderIdentity: nil, leaseDurationSeconds: durationSeconds, acquireTime: nil, renewTime: nil, leaseTransitions: 0)
            observedHolder = record.holderIdentity
            if record.holderIdentity == identity {
                record.renewTime = time
                record.leaseDurationSeconds = durationSeconds
            } else if record.isExpired(at: time) {
                record.holderIdentity = identity
                record.acquireTime = time
                record.renewTime = time
                record.leaseDurationSeconds = durationSeconds
                record.leaseTransitions += 1
            } else {
                return lost()
            }
            let transitioned = observedHolder != identity
            _ = try await kubernetes.update(record.object(name: configuration.leaseName, namespace: configuration.namespace), at: path)
            return won(at: time, transitioned: transitioned)
        } catch {
            logger.debug("lease attempt failed", metadata: ["lease": "\(path)", "error": "\(error)"])
            if let leaderUntil, time >= leaderUntil { return lost() }
            return leaderUntil != nil
        }
    }

    /// Gives the lease up (empty holder) if this replica holds it, so another replica need not wait for expiry.
    public func release() async {
        guard leaderUntil != nil else { return }
        leaderUntil = nil
        do {
            guard var record = LeaseRecord(lease: try await kubernetes.get(path)), record.holderIdentity == configuration.identity else {
                return
            }
            record.holderIdentity = nil
            record.renewTime = nil
            _ = try await kubernetes.update(record.object(name: configuration.leaseName, namespace: configuration.namespace), at: path)
            logger.info("lease released", metadata: ["lease": "\(path)", "identity": "\(configuration.identity)"])
        } catch {
            logger.warning("lease release failed", metadata: ["lease": "\(path)", "error": "\(error)"])
        }
    }

    /// Acquires or renews every `retryPeriod` until graceful shutdown or cancellation, then releases.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.tryAcquireOrRenew(at: self.now())
                try await self.clock.sleep(for: self.configuration.retryPeriod)
            }
        }
        await release()
    }

    private func won(at time: Date, transitioned: Bool) -> Bool {
        // Leading again after a lapse is a new spell, whoever held the lease meanwhile.
        let newTenure = leaderUntil.map { time >= $0 } ?? true
        if newTenure { tenures += 1 }
        let (seconds, attoseconds) = configuration.renewDeadline.components
        leaderUntil = time.addingTimeInterval(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18)
        if newTenure { newTenures.signal() }
        observedHolder = configuration.identity
        if transitioned {
            logger.notice("lease acquired", metadata: ["lease": "\(path)", "identity": "\(configuration.identity)"])
        }
        return true
    }

    private func lost() -> Bool {
        if leaderUntil != nil {
            logger.notice("lease lost", metadata: ["lease": "\(path)", "holder": "\(observedHolder ?? "")"])
        }
        leaderUntil = nil
        return false
    }
}
