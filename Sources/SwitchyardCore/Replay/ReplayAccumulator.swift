/// Sums a strategy's steps into totals and time-series buckets.
struct ReplayAccumulator {
    private let interval: Double
    private let stepSeconds: Double
    private var cost = 0.0
    private var served = 0.0
    private var dropped = 0.0
    private var demanded = 0.0
    private var demandedSeconds = 0.0
    private var nodeSeconds = 0.0
    private var peakNodes = 0
    private var weightChanges = 0
    private var interruptions = 0
    private var droppedDuringInterruptions = 0.0
    private var reservedReadySeconds = 0.0
    private var paidNodeSecondsWithReservationIdle = 0.0
    private let reservedInstances: Int
    private var lastWeights: [Int]?
    private var series: [ReplaySeriesPoint] = []
    private var bucket: Bucket?

    private struct Bucket {
        var start: Double
        var count = 0
        var demand = 0.0
        var served: [Double]
        var dropped = 0.0
        var hourly = 0.0
        var last: ReplayStep
    }

    init(interval: Double, stepSeconds: Double, reservedInstances: Int = 0) {
        self.interval = interval
        self.stepSeconds = stepSeconds
        self.reservedInstances = reservedInstances
    }

    mutating func add(_ step: ReplayStep) {
        cost += step.hourlyCostUSD * stepSeconds / 3600
        served += step.servedTotalRPS * stepSeconds
        dropped += step.droppedRPS * stepSeconds
        demanded += step.demandRPS * stepSeconds
        demandedSeconds += stepSeconds
        let nodes = step.nodes.reduce(0, +)
        nodeSeconds += Double(nodes) * stepSeconds
        peakNodes = max(peakNodes, nodes)
        interruptions += step.interruptions
        if step.interrupted { droppedDuringInterruptions += step.droppedRPS * stepSeconds }
        reservedReadySeconds += Double(step.reservedReady) * stepSeconds
        if step.reservedReady < reservedInstances {
            paidNodeSecondsWithReservationIdle += Double(step.paidNodes) * stepSeconds
        }
        if let lastWeights, lastWeights != step.weights { weightChanges += 1 }
        lastWeights = step.weights

        let start = (step.t / interval).rounded(.down) * interval
        if let open = bucket, open.start != start { flush() }
        if bucket == nil {
            bucket = Bucket(start: start, served: step.servedRPS.map { _ in 0 }, last: step)
        }
        bucket!.count += 1
        bucket!.demand += step.demandRPS
        for i in step.servedRPS.indices { bucket!.served[i] += step.servedRPS[i] }
        bucket!.dropped += step.droppedRPS
        bucket!.hourly += step.hourlyCostUSD
        bucket!.last = step
    }

    private mutating func flush() {
        guard let open = bucket else { return }
        let n = Double(open.count)
        series.append(ReplaySeriesPoint(
            t: open.start, demandRPS: ReplayNumber.rounded(open.demand / n, decimals: 2),
            servedRPS: open.served.map { ReplayNumber.rounded($0 / n, decimals: 2) },
            droppedRPS: ReplayNumber.rounded(open.dropped / n, decimals: 2), weights: open.last.weights,
            readyReplicas: open.last.readyReplicas, nodes: open.last.nodes,
            hourlyCostUSD: ReplayNumber.rounded(open.hourly / n, decimals: 4)
        ))
        bucket = nil
    }

    mutating func result(_ strategy: ReplayStrategy, switches: [ReplaySwitch], windows: [CapacityWindow]) -> StrategyResult {
        flush()
        let duration = demandedSeconds
        let reactions: [Double?] = windows.map { window in
            switches.first { $0.t >= window.from && $0.t < window.to && $0.to != "cost" }.map { $0.t - window.from }
        }
        return StrategyResult(
            strategy: strategy, totalCostUSD: ReplayNumber.rounded(cost, decimals: 4),
            costPerMillionInferencesUSD: served > 0 ? ReplayNumber.rounded(cost / served * 1_000_000, decimals: 4) : 0,
            servedRequests: ReplayNumber.rounded(served), droppedRequests: ReplayNumber.rounded(dropped),
            servedWithinSLOShare: demanded > 0 ? ReplayNumber.rounded(served / demanded, decimals: 6) : 1,
            nodeHours: ReplayNumber.rounded(nodeSeconds / 3600), peakNodes: peakNodes,
            switchCount: switches.count, switches: switches,
            weightChanges: strategy.isBound ? 0 : weightChanges,
            shortageToSwitchSeconds: reactions, costRatioToOracle: nil, costRatioToClairvoyant: nil,
            series: series, spotInterruptions: interruptions,
            droppedDuringInterruptionsRequests: ReplayNumber.rounded(droppedDuringInterruptions),
            reservedBusyShare: reservedInstances > 0 && duration > 0
                ? ReplayNumber.rounded(reservedReadySeconds / (Double(reservedInstances) * duration), decimals: 4) : nil,
            paidNodeHoursWithReservationIdle: reservedInstances > 0
                ? ReplayNumber.rounded(paidNodeSecondsWithReservationIdle / 3600, decimals: 2) : nil
        )
    }
}
