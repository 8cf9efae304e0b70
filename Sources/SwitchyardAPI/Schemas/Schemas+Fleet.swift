import SwitchyardCore
import SwitchyardStore

// Fleet documents and import reports between the domain and the API; a section left out is empty.

extension Components.Schemas.Fleet {
    init(_ fleet: SwitchyardCore.Fleet) throws {
        self.init(
            models: try fleet.models.map { try .init($0) }, instanceTypes: try fleet.instanceTypes.map { try .init($0) },
            pools: try fleet.pools.map { try .init($0) }, units: try fleet.units.map { try .init($0) },
            benchmarks: fleet.benchmarks.map { .init($0) })
    }
}

extension SwitchyardCore.Fleet {
    init(_ fleet: Components.Schemas.Fleet) throws {
        self.init(
            models: try (fleet.models ?? []).map { try .init($0) },
            instanceTypes: try (fleet.instanceTypes ?? []).map { try .init($0) },
            pools: try (fleet.pools ?? []).map { try .init($0) }, units: try (fleet.units ?? []).map { try .init($0) },
            benchmarks: (fleet.benchmarks ?? []).map { .init($0) })
    }
}

extension Components.Schemas.ImportReport {
    init(_ report: SwitchyardStore.ImportReport) throws {
        func references(_ refs: [SwitchyardStore.ResourceRef]) throws -> [Components.Schemas.ResourceRef] {
            try refs.map { .init(kind: try SchemaEnum.convert($0.kind), name: $0.name) }
        }
        self.init(
            dryRun: report.dryRun, created: try references(report.created), updated: try references(report.updated),
            unchanged: try references(report.unchanged), benchmarkRunsAdded: report.benchmarkRunsAdded)
    }
}
