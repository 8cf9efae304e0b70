import Foundation
import Logging
import SwitchyardCore

/// Evaluates a query every `interval` whose result names the pools that cannot grow, e.g.
/// `karpenter_cloudprovider_instance_type_offering_available == 0` summed by `nodepool`: a pool in the result
/// is short, a watched pool absent from it has recovered. Reports a pool only when its condition changes
/// (and once at start); a failed query reports nothing.
public struct PrometheusCapacityObserver: CapacityObserver {
    public static let defaultQuery = "count by (nodepool) (karpenter_cloudprovider_instance_type_offering_available == 0)"

    let client: PrometheusQueryClient
    let query: String
    let poolLabel: String
    let pools: Set<String>
    /// When set, the pools reported on are those of the fleet as it is at each evaluation, not `pools`.
    private(set) var fleet: (any FleetView)?
    let interval: Duration
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger

    public var name: String { "prometheus" }

    /// - Parameters:
    ///   - poolLabel: the label of a result series that names the pool.
    ///   - pools: the pools to report on; series of other pools are ignored, and these are reported recovered
    ///     when the result does not name them.
    public init(
        client: PrometheusQueryClient, query: String = Self.defaultQuery, poolLabel: String = "nodepool",
        pools: Set<String>, interval: Duration = .seconds(15), clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "switchyard.observer.prometheus")
    ) {
        self.client = client
        self.query = query
        self.poolLabel = poolLabel
        self.pools = pools
        self.interval = interval
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// Reports on the pools of `fleet` as it is at each evaluation.
    public init(
        client: PrometheusQueryClient, query: String = Self.defaultQuery, poolLabel: String = "nodepool",
        fleet: any FleetView, interval: Duration = .seconds(15), clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "switchyard.observer.prometheus")
    ) {
        self.init(client: client, query: query, poolLabel: poolLabel, pools: [], interval: interval, clock: clock, now: now, logger: logger)
        self.fleet = fleet
    }

    public func events() -> AsyncStream<ObserverEvent> {
        var logger = self.logger
        logger[metadataKey: "query"] = "\(query)"
        return PolledSignals.stream(every: interval, clock: clock, logger: logger) { try await self.observe() }
    }

    /// Evaluates the query once: a signal per watched pool.
    public func observe() async throws -> [CapacitySignal] {
        var pools = self.pools
        if let fleet { pools = Set(try await fleet.currentFleet().pools.map(\.name)) }
        let samples = try await client.query(query)
        let time = now()
        var short: [String: [PrometheusQueryClient.Sample]] = [:]
        for sample in samples {
            guard let pool = sample.labels[poolLabel], pools.contains(pool) else { continue }
            short[pool, default: []].append(sample)
        }
        return pools.sorted().map { pool in
            guard let found = short[pool] else {
                return CapacitySignal(
                    pool: pool, condition: .recovered, source: .prometheus, reason: "QueryEmpty", observedAt: time,
                    evidence: "`\(query)` returned nothing for \(poolLabel)=\(pool)")
            }
            let values = found.map { $0.value.formatted() }.joined(separator: ", ")
            return CapacitySignal(
                pool: pool, condition: .short, source: .prometheus, reason: "QueryMatched", observedAt: time,
                evidence: "`\(query)` returned \(found.count) series for \(poolLabel)=\(pool) (value \(values))")
        }
    }
}
