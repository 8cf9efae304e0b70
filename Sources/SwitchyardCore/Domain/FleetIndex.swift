/// A fleet's lookups, built once: units grouped by model, benchmark runs by unit, instance types and pools by name.
/// Work for one model (a plan, a render) then costs what the model costs, not what the fleet does.
public struct FleetIndex: Sendable {
    public let fleet: Fleet
    /// Units by model name, in the fleet's order.
    public let unitsByModel: [String: [DeploymentUnit]]
    /// Benchmark runs by unit name, in the fleet's order.
    public let benchmarksByUnit: [String: [BenchmarkRun]]
    public let instanceTypes: [String: InstanceType]
    public let pools: [String: CapacityPool]

    public init(_ fleet: Fleet) {
        self.fleet = fleet
        unitsByModel = Dictionary(grouping: fleet.units, by: \.model)
        benchmarksByUnit = Dictionary(grouping: fleet.benchmarks, by: \.unit)
        instanceTypes = Dictionary(fleet.instanceTypes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        pools = Dictionary(fleet.pools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A model's units, in the fleet's order.
    public func units(of model: String) -> [DeploymentUnit] {
        unitsByModel[model] ?? []
    }
}
