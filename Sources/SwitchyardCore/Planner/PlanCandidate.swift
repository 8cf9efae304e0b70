/// A unit that may receive traffic: enabled, rated, priced, and either outside every short pool or in one
/// with replicas still running.
///
/// A class: strategies sort, filter and pair candidates many times over, and a copy of the unit, its instance type
/// and pool as values retained every string and array they hold.
final class PlanCandidate: Sendable {
    let unit: DeploymentUnit
    let finding: BreakingPointFinding
    let breakingPointRPS: Double
    let cost: UnitCost
    let instanceType: InstanceType
    /// Nil when the unit names a pool that is not registered.
    let pool: CapacityPool?
    /// Ready replicas of a unit whose pool is short (at least 1, at most its maximum); nil when the
    /// unit can grow.
    let runningReplicas: Int?

    init(
        unit: DeploymentUnit, finding: BreakingPointFinding, breakingPointRPS: Double, cost: UnitCost,
        instanceType: InstanceType, pool: CapacityPool?, runningReplicas: Int? = nil
    ) {
        self.unit = unit
        self.finding = finding
        self.breakingPointRPS = breakingPointRPS
        self.cost = cost
        self.instanceType = instanceType
        self.pool = pool
        self.runningReplicas = runningReplicas
    }

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
