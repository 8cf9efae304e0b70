/// A unit that may receive traffic: enabled, rated, priced, and either outside every short pool or in one
/// with replicas still running.
struct PlanCandidate: Sendable {
    var unit: DeploymentUnit
    var finding: BreakingPointFinding
    var breakingPointRPS: Double
    var cost: UnitCost
    var instanceType: InstanceType
    /// Nil when the unit names a pool that is not registered.
    var pool: CapacityPool?
    /// Ready replicas of a unit whose pool is short (at least 1, at most its maximum); nil when the
    /// unit can grow.
    var runningReplicas: Int? = nil

    var name: String { unit.name }

    /// What the running replicas of a unit in a short pool carry, nil when the unit can grow.
    var runningCapacityRPS: Double? {
        runningReplicas.map { Double($0) * breakingPointRPS }
    }

    /// Why a unit in a short pool takes no more than its running replicas carry, in words; `atCap` tells
    /// whether its share was cut to that. Empty when the unit can grow.
    func runningCapacityReasons(atCap: Bool) -> [String] {
        guard let replicas = runningReplicas, let capacity = runningCapacityRPS else { return [] }
        let reason = "pool short: capped at running capacity \(DecimalText.format(capacity)) rps "
            + "(\(replicas) ready × \(DecimalText.format(breakingPointRPS)) rps; \(unit.pool) cannot grow)"
        return [atCap ? reason : reason + "; its share is below the cap"]
    }
}
