import SwitchyardCore

/// Load-test runs of each unit, as both engines keep them.
public protocol BenchmarkStore: Sendable {
    /// Appends a run to its unit (`run.unit`) with its audit event; `notFound` when the unit does not exist.
    func appendBenchmarkRun(_ run: BenchmarkRun, context: ChangeContext) async throws -> BenchmarkRun
    /// A unit's runs, oldest first; `notFound` when the unit does not exist.
    func benchmarkRuns(unit: String) async throws -> [BenchmarkRun]
    /// Deletes one run of a unit; `notFound` when that unit has no run with that id.
    func deleteBenchmarkRun(unit: String, id: Int64, context: ChangeContext) async throws
}
