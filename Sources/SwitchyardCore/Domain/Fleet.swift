/// Everything a platform team registers, as one document: what `/v1/import` takes and `/v1/export` returns.
public struct Fleet: Codable, Sendable, Equatable {
    public var models: [ServedModel]
    public var instanceTypes: [InstanceType]
    public var pools: [CapacityPool]
    public var units: [DeploymentUnit]
    /// Benchmark runs; their `unit` names the unit they measured. Ids are not part of the document.
    public var benchmarks: [BenchmarkRun]

    public init(
        models: [ServedModel] = [], instanceTypes: [InstanceType] = [], pools: [CapacityPool] = [],
        units: [DeploymentUnit] = [], benchmarks: [BenchmarkRun] = []
    ) {
        self.models = models
        self.instanceTypes = instanceTypes
        self.pools = pools
        self.units = units
        self.benchmarks = benchmarks
    }

    public init(from decoder: any Decoder) throws {
        // Every section is optional so a document may carry only part of a fleet.
        let container = try decoder.container(keyedBy: CodingKeys.self)
        models = try container.decodeIfPresent([ServedModel].self, forKey: .models) ?? []
        instanceTypes = try container.decodeIfPresent([InstanceType].self, forKey: .instanceTypes) ?? []
        pools = try container.decodeIfPresent([CapacityPool].self, forKey: .pools) ?? []
        units = try container.decodeIfPresent([DeploymentUnit].self, forKey: .units) ?? []
        benchmarks = try container.decodeIfPresent([BenchmarkRun].self, forKey: .benchmarks) ?? []
    }
}
