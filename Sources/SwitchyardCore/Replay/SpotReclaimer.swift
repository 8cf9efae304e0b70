/// Draws a replay's spot reclaims and hands out their warnings, step by step.
///
/// Each serving, not yet warned node of a spot unit is reclaimed during a step with probability rate × step / 3600,
/// from a generator seeded by the scenario; explicit reclaims warn one node of their unit at their time. A warned
/// node serves until its notice runs out; its replacement is launched at the warning.
struct SpotReclaimer {
    private let fleet: ReplayFleet
    private let spotUnits: [Int]
    private let probability: [Double]
    private let notice: Double
    private var reclaims: [(t: Double, unit: Int)]
    private var next = 0
    private var generator: SeededGenerator

    init(fleet: ReplayFleet) {
        self.fleet = fleet
        let interruptions = fleet.scenario.spotInterruptions ?? SpotInterruptions()
        spotUnits = fleet.units.indices.filter { fleet.units[$0].isSpot }
        let step = fleet.scenario.stepSeconds
        probability = fleet.units.map { unit in
            let rate = interruptions.ratesPerHour[unit.pool] ?? 0
            return unit.isSpot && rate.isFinite && rate > 0 ? min(1, rate * step / 3600) : 0
        }
        notice = max(0, interruptions.noticeSeconds.isFinite ? interruptions.noticeSeconds : 0)
        let index = Dictionary(fleet.units.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        reclaims = interruptions.reclaims.compactMap { reclaim in index[reclaim.unit].map { (t: reclaim.t, unit: $0) } }
            .sorted { $0.t < $1.t }
        generator = SeededGenerator(seed: interruptions.seed)
    }

    /// Warns the nodes reclaimed during the step starting at `t`; returns how many.
    mutating func warn(_ replicas: inout [UnitReplicas], at t: Double) -> Int {
        var warned = 0
        let end = t + fleet.scenario.stepSeconds
        while next < reclaims.count, reclaims[next].t < end {
            let unit = reclaims[next].unit
            next += 1
            guard replicas[unit].safe > 0 else { continue }
            replicas[unit].warn(at: t, notice: notice, replacementDelay: fleet.units[unit].timing.secondsUntilServing)
            warned += 1
        }
        for unit in spotUnits where probability[unit] > 0 {
            // One draw per serving node, so the sequence depends only on the seed and the nodes serving.
            var count = 0
            for _ in 0..<replicas[unit].safe where generator.nextUnit() < probability[unit] { count += 1 }
            for _ in 0..<count {
                replicas[unit].warn(at: t, notice: notice, replacementDelay: fleet.units[unit].timing.secondsUntilServing)
            }
            warned += count
        }
        return warned
    }

    /// Weights with each interrupted unit's share cut to the part its unwarned serving nodes carry, so the
    /// reclaimed nodes' traffic moves to the other units by their weights.
    static func weights(_ weights: [Int], around replicas: [UnitReplicas]) -> [Int] {
        guard replicas.contains(where: \.isInterrupted) else { return weights }
        let moved = zip(weights, replicas).map { weight, unit in
            guard unit.isInterrupted else { return weight }
            let planned = unit.safe + unit.replacing
            guard planned > 0 else { return 0 }
            return Int((Double(weight) * Double(unit.safe) / Double(planned)).rounded(.down))
        }
        // With nowhere to move to, the weights stay: the warned nodes serve until they go.
        return moved.contains { $0 > 0 } ? moved : weights
    }
}
