import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listBenchmarkRuns(_ input: Operations.ListBenchmarkRuns.Input) async throws
        -> Operations.ListBenchmarkRuns.Output
    {
        let runs = try await database.benchmarkRuns(unit: input.path.name)
        let items = runs.map(Components.Schemas.BenchmarkRun.init)
        return .ok(.init(body: .json(.init(items: items))))
    }

    func appendBenchmarkRun(_ input: Operations.AppendBenchmarkRun.Input) async throws
        -> Operations.AppendBenchmarkRun.Output
    {
        var run = BenchmarkRun(try await decode(input.body.resourceBody))
        try Self.requireSameName(run.unit, as: input.path.name, field: "unit")
        // The store numbers runs; an id in the body is a client's leftover, not a request to choose one.
        run.id = nil
        let appended = try await database.appendBenchmarkRun(run, context: try RequestScope.changeContext())
        let location = Self.location("units", input.path.name) + "/benchmarks/\(appended.id.map(String.init) ?? "")"
        return .created(
            .init(
                headers: .init(location: location),
                body: .json(.init(appended))))
    }

    func deleteBenchmarkRun(_ input: Operations.DeleteBenchmarkRun.Input) async throws
        -> Operations.DeleteBenchmarkRun.Output
    {
        try await database.deleteBenchmarkRun(
            unit: input.path.name, id: input.path.id, context: try RequestScope.changeContext())
        return .noContent(.init())
    }
}
