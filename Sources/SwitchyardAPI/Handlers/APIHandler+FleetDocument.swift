internal import OpenAPIRuntime
import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func importFleet(_ input: Operations.ImportFleet.Input) async throws -> Operations.ImportFleet.Output {
        let body: ResourceBody<Components.Schemas.Fleet> =
            switch input.body {
            case .json(let fleet): .json(fleet)
            case .yaml(let raw): .yaml(raw)
            }
        let fleet: Fleet = try await decode(body)
        let report = try await database.importFleet(
            fleet, dryRun: input.query.dryRun ?? false, context: try RequestScope.changeContext())
        return .ok(.init(body: .json(try SchemaBridge.convert(report, to: Components.Schemas.ImportReport.self))))
    }

    func exportFleet(_ input: Operations.ExportFleet.Input) async throws -> Operations.ExportFleet.Output {
        let fleet = try await database.exportFleet()
        if Self.accepts(.yaml, over: .json, in: input.headers.accept) {
            return .ok(.init(body: .yaml(HTTPBody(try YAMLBody.encode(fleet)))))
        }
        return .ok(.init(body: .json(try SchemaBridge.convert(fleet, to: Components.Schemas.Fleet.self))))
    }
}
