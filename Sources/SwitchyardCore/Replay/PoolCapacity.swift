/// Where a replay may launch nodes: each pool's node limit, tightened by its capacity windows.
struct PoolCapacity: Sendable {
    private let fleet: ReplayFleet
    private let pools: [String]
    private let unitsByPool: [String: [Int]]
    private let windowsByPool: [String: [CapacityWindow]]

    init(fleet: ReplayFleet) {
        self.fleet = fleet
        var unitsByPool: [String: [Int]] = [:]
        for (index, unit) in fleet.units.enumerated() { unitsByPool[unit.pool, default: []].append(index) }
        self.unitsByPool = unitsByPool
        pools = unitsByPool.keys.sorted()
        windowsByPool = Dictionary(grouping: fleet.scenario.capacityWindows, by: \.pool)
    }

    /// The most nodes `pool` may hold at `t` given it holds `current` now: a window without a limit
    /// freezes it at its current size (nodes already running stay).
    func nodeLimit(of pool: String, holding current: Int, at t: Double) -> Int {
        var limit = fleet.nodeLimit(of: pool) ?? Int.max
        for window in windowsByPool[pool] ?? [] where window.contains(t) {
            limit = min(limit, max(window.nodeLimit ?? current, 0))
        }
        return limit
    }

    /// Launches pending replicas, unit by unit in fleet order, as far as each pool allows; returns
    /// the pools that left a replica pending.
    @discardableResult
    func launchPending(_ replicas: inout [UnitReplicas], at t: Double) -> Set<String> {
        var failed: Set<String> = []
        for pool in pools {
            let members = unitsByPool[pool] ?? []
            let current = members.reduce(0) { $0 + replicas[$1].nodes }
            var room = max(0, nodeLimit(of: pool, holding: current, at: t) - current)
            for index in members where room > 0 {
                let count = min(replicas[index].pending, room)
                replicas[index].launch(count, at: t, delay: fleet.units[index].timing.secondsUntilServing)
                room -= count
            }
            if members.contains(where: { replicas[$0].pending > 0 }) { failed.insert(pool) }
        }
        return failed
    }
}
