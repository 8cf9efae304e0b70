internal import OpenAPIRuntime
import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func importFleet(_ input: Operations.ImportFleet.Input) async throws -> Operations.ImportFleet.Output {
        let fleet = try Fleet(try await decode(input.body.resourceBody))
        let report = try await database.importFleet(
            fleet, dryRun: input.query.dryRun ?? false, context: try RequestScope.changeContext())
        return .ok(.init(body: .json(try .init(report))))
    }

    func exportFleet(_ input: Operations.ExportFleet.Input) async throws -> Operations.ExportFleet.Output {
        let fleet = try await database.exportFleet()
        if Self.accepts(.yaml, over: .json, in: input.headers.accept) {
            return .ok(.init(body: .yaml(HTTPBody(try YAMLBody.encode(fleet)))))
        }
        return .ok(.init(body: .json(try .init(fleet))))
    }
}
