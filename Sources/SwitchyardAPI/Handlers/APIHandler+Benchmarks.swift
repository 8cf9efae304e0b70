import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listBenchmarkRuns(_ input: Operations.ListBenchmarkRuns.Input) async throws
        -> Operations.ListBenchmarkRuns.Output
    {
        let runs = try await database.benchmarkRuns(unit: input.path.name)
        let items = try runs.map { try SchemaBridge.convert($0, to: Components.Schemas.BenchmarkRun.self) }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func appendBenchmarkRun(_ input: Operations.AppendBenchmarkRun.Input) async throws
        -> Operations.AppendBenchmarkRun.Output
    {
        let body: ResourceBody<Components.Schemas.BenchmarkRun> =
            switch input.body {
            case .json(let run): .json(run)
            case .yaml(let raw): .yaml(raw)
            }
        var run: BenchmarkRun = try await decode(body)
        try Self.requireSameName(run.unit, as: input.path.name, field: "unit")
        // The store numbers runs; an id in the body is a client's leftover, not a request to choose one.
        run.id = nil
        let appended = try await database.appendBenchmarkRun(run, context: try RequestScope.changeContext())
        let location = Self.location("units", input.path.name) + "/benchmarks/\(appended.id.map(String.init) ?? "")"
        return .created(
            .init(
                headers: .init(location: location),
                body: .json(try SchemaBridge.convert(appended, to: Components.Schemas.BenchmarkRun.self))))
    }

    func deleteBenchmarkRun(_ input: Operations.DeleteBenchmarkRun.Input) async throws
        -> Operations.DeleteBenchmarkRun.Output
    {
        try await database.deleteBenchmarkRun(
            unit: input.path.name, id: input.path.id, context: try RequestScope.changeContext())
        return .noContent(.init())
    }
}
