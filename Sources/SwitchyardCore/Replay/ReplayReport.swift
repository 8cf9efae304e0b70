/// The outcome of replaying one scenario under several strategies: totals to compare and a time
/// series to plot. Codable; ``ReplayJSONRenderer`` writes it with a stable key order.
public struct ReplayReport: Codable, Sendable, Equatable {
    public var scenario: String
    public var model: String
    public var durationSeconds: Double
    public var stepSeconds: Double
    public var seriesIntervalSeconds: Double
    /// The simulated units, in the order every per-unit array of the report uses.
    public var units: [ReplayUnit]
    public var capacityWindows: [CapacityWindow]
    /// Requests asked for over the whole replay.
    public var demandRequests: Double
    public var results: [StrategyResult]

    public init(
        scenario: String, model: String, durationSeconds: Double, stepSeconds: Double, seriesIntervalSeconds: Double,
        units: [ReplayUnit], capacityWindows: [CapacityWindow], demandRequests: Double, results: [StrategyResult]
    ) {
        self.scenario = scenario
        self.model = model
        self.durationSeconds = durationSeconds
        self.stepSeconds = stepSeconds
        self.seriesIntervalSeconds = seriesIntervalSeconds
        self.units = units
        self.capacityWindows = capacityWindows
        self.demandRequests = demandRequests
        self.results = results
    }

    /// The result of one strategy, if it was replayed.
    public func result(_ strategy: ReplayStrategy) -> StrategyResult? {
        results.first { $0.strategy == strategy }
    }
}

/// A unit as replayed.
public struct ReplayUnit: Codable, Sendable, Equatable {
    public var name: String
    public var pool: String
    public var breakingPointRPS: Double
    public var hourlyUSD: Double
    public var costPer1kInferencesUSD: Double

    public init(name: String, pool: String, breakingPointRPS: Double, hourlyUSD: Double, costPer1kInferencesUSD: Double) {
        self.name = name
        self.pool = pool
        self.breakingPointRPS = breakingPointRPS
        self.hourlyUSD = hourlyUSD
        self.costPer1kInferencesUSD = costPer1kInferencesUSD
    }
}

/// One strategy's totals and time series.
public struct StrategyResult: Codable, Sendable, Equatable {
    public var strategy: ReplayStrategy
    public var totalCostUSD: Double
    /// Total cost per million requests served.
    public var costPerMillionInferencesUSD: Double
    public var servedRequests: Double
    /// Requests routed to a unit beyond its serving replicas' breaking points, or to no unit.
    public var droppedRequests: Double
    /// Served / demanded; a unit serves within the SLO up to its breaking point, so this is the share
    /// served within the SLO.
    public var servedWithinSLOShare: Double
    public var nodeHours: Double
    public var peakNodes: Int
    public var switchCount: Int
    public var switches: [ReplaySwitch]
    /// Steps at which the weights pushed to the load balancer changed (0 for the bounds, which have none).
    public var weightChanges: Int
    /// Per capacity window (in the report's order): seconds from its start to this strategy's first
    /// switch away from cost inside it; nil when it did not switch.
    public var shortageToSwitchSeconds: [Double?]
    /// Total cost / the oracle's; nil when the oracle was not replayed or cost nothing.
    public var costRatioToOracle: Double?
    /// Total cost / the clairvoyant bound's; nil when it was not replayed or cost nothing.
    public var costRatioToClairvoyant: Double?
    public var series: [ReplaySeriesPoint]
    /// Spot warnings received.
    public var spotInterruptions: Int?
    /// Requests dropped while a reclaimed node's share was missing (warned, or its replacement not serving).
    public var droppedDuringInterruptionsRequests: Double?
    /// The same strategy's total cost with every unit on-demand (no spot, no reservation); nil when the scenario
    /// runs everything on-demand already.
    public var allOnDemandCostUSD: Double?
    /// 1 − total cost / `allOnDemandCostUSD`.
    public var savingsVsAllOnDemand: Double?
    /// Serving reserved nodes / the reservations' instances, over the replay; nil without reserved units.
    public var reservedBusyShare: Double?
    /// Node-hours paid by the hour while a reserved instance was not serving; nil without reserved units.
    public var paidNodeHoursWithReservationIdle: Double?
}

/// A configuration change during a replay.
public struct ReplaySwitch: Codable, Sendable, Equatable {
    public var t: Double
    public var from: String
    public var to: String
    public var reason: String

    public init(t: Double, from: String, to: String, reason: String) {
        self.t = t
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// Averages over one bucket of the time series (weights and replicas as at its end).
public struct ReplaySeriesPoint: Codable, Sendable, Equatable {
    /// Start of the bucket, seconds.
    public var t: Double
    public var demandRPS: Double
    /// Per unit, in the report's unit order.
    public var servedRPS: [Double]
    public var droppedRPS: Double
    public var weights: [Int]
    public var readyReplicas: [Int]
    public var nodes: [Int]
    public var hourlyCostUSD: Double
}
