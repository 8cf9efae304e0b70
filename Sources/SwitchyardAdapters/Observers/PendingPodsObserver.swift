import Foundation
import Logging
import SwitchyardCore

/// Polls the pods of each unit's Deployment and reports a pool short when any of its units has a pod Pending
/// for longer than `threshold` (the scheduler found no node and Karpenter could not launch one), and recovered
/// when none is. Reports a pool only when its condition changes (and once at start).
public struct PendingPodsObserver: CapacityObserver {
    /// Which pods belong to which pool: the unit's namespace and pod labels.
    public struct Workload: Sendable, Hashable {
        public var unit: String
        public var pool: String
        public var namespace: String
        /// A label selector for the unit's pods, e.g. `switchyard.dev/unit=sd21-inf2`.
        public var labelSelector: String

        public init(unit: String, pool: String, namespace: String, labelSelector: String) {
            self.unit = unit
            self.pool = pool
            self.namespace = namespace
            self.labelSelector = labelSelector
        }

        /// The workload of a unit as the renderer labels its pods.
        public init(_ unit: DeploymentUnit) {
            self.init(
                unit: unit.name, pool: unit.pool, namespace: unit.kubernetes.namespace,
                labelSelector: "\(RenderLabels.model)=\(unit.model),\(RenderLabels.unit)=\(unit.name)")
        }
    }

    let kubernetes: any KubernetesAPI
    let workloads: [Workload]
    /// When set, the workloads are the enabled units of the fleet as it is at each poll, not `workloads`.
    private(set) var fleet: (any FleetView)?
    let threshold: TimeInterval
    let interval: Duration
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger

    public var name: String { "pending-pods" }

    public init(
        kubernetes: any KubernetesAPI, workloads: [Workload], threshold: TimeInterval = 120, interval: Duration = .seconds(15),
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "switchyard.observer.pending-pods")
    ) {
        self.kubernetes = kubernetes
        self.workloads = workloads
        self.fleet = nil
        self.threshold = threshold
        self.interval = interval
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// Watches the pods of the enabled units of `fleet` as it is at each poll.
    public init(
        kubernetes: any KubernetesAPI, fleet: any FleetView, threshold: TimeInterval = 120, interval: Duration = .seconds(15),
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "switchyard.observer.pending-pods")
    ) {
        self.init(kubernetes: kubernetes, workloads: [], threshold: threshold, interval: interval, clock: clock, now: now, logger: logger)
        self.fleet = fleet
    }

    public func events() -> AsyncStream<ObserverEvent> {
        PolledSignals.stream(every: interval, clock: clock, logger: logger) {
            let look = await self.look(try await self.currentWorkloads())
            if let failure = look.failure, look.signals.isEmpty { throw PendingPodsUnreadable(detail: failure) }
            return look.signals
        }
    }

    /// One look at every workload: a signal per pool whose pods could all be read.
    public func observe() async throws -> [CapacitySignal] {
        await look(try await currentWorkloads()).signals
    }

    private func currentWorkloads() async throws -> [Workload] {
        guard let fleet else { return workloads }
        return try await fleet.currentFleet().units.filter(\.enabled).map(Workload.init)
    }

    /// The signals of one look, and the last listing error if any listing failed.
    private func look(_ workloads: [Workload]) async -> (signals: [CapacitySignal], failure: String?) {
        let time = now()
        var failure: String?
        var stuck: [String: [String]] = [:]
        var unreadable: Set<String> = []
        for workload in workloads {
            do {
                let pods = try await kubernetes.list(
                    ResourcePath(group: "", version: "v1", resource: "pods", namespace: workload.namespace),
                    labelSelector: workload.labelSelector)
                let names = pods.items.filter { Self.isPendingTooLong($0, at: time, threshold: threshold) }
                    .compactMap { $0["metadata"]?["name"]?.stringValue }
                stuck[workload.pool, default: []].append(contentsOf: names.map { "\(workload.namespace)/\($0)" })
            } catch {
                unreadable.insert(workload.pool)
                failure = String(describing: error)
                logger.warning("listing pods failed", metadata: ["unit": "\(workload.unit)", "error": "\(error)"])
            }
        }
        let signals = Set(workloads.map(\.pool)).subtracting(unreadable).sorted().map { pool in
            let pods = stuck[pool] ?? []
            if pods.isEmpty {
                return CapacitySignal(
                    pool: pool, condition: .recovered, source: .pendingPods, reason: "NoPodsPending", observedAt: time,
                    evidence: "no pod of pool \(pool) pending longer than \(Int(threshold)) s")
            }
            return CapacitySignal(
                pool: pool, condition: .short, source: .pendingPods, reason: "PodsPending", observedAt: time,
                evidence: "\(pods.count) pod(s) pending longer than \(Int(threshold)) s: \(pods.sorted().prefix(5).joined(separator: ", "))")
        }
        return (signals, failure)
    }

    /// Pending since creation for at least `threshold`.
    static func isPendingTooLong(_ pod: JSONValue, at time: Date, threshold: TimeInterval) -> Bool {
        guard pod["status"]?["phase"]?.stringValue == "Pending",
              let created = pod["metadata"]?["creationTimestamp"]?.stringValue,
              let createdAt = try? Date.ISO8601FormatStyle().parse(created)
        else { return false }
        return time.timeIntervalSince(createdAt) >= threshold
    }
}

/// No workload's pods could be listed.
struct PendingPodsUnreadable: Error, CustomStringConvertible {
    let detail: String
    var description: String { "no workload's pods could be listed: \(detail)" }
}
