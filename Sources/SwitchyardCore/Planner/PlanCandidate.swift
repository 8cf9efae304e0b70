/// A unit that may receive traffic: enabled, rated, priced and outside every short pool.
struct PlanCandidate: Sendable {
    var unit: DeploymentUnit
    var finding: BreakingPointFinding
    var breakingPointRPS: Double
    var cost: UnitCost
    var instanceType: InstanceType
    /// Nil when the unit names a pool that is not registered.
    var pool: CapacityPool?

    var name: String { unit.name }
}
