import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listModels(_ input: Operations.ListModels.Input) async throws -> Operations.ListModels.Output {
        let page = try await listResources(
            ServedModel.self, as: Components.Schemas.ServedModel.self, cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items, nextCursor: page.nextCursor))))
    }

    func getModel(_ input: Operations.GetModel.Input) async throws -> Operations.GetModel.Output {
        let found = try await getResource(ServedModel.self, as: Components.Schemas.ServedModel.self, named: input.path.name)
        return .ok(.init(headers: .init(eTag: found.etag), body: .json(found.body)))
    }

    func putModel(_ input: Operations.PutModel.Input) async throws -> Operations.PutModel.Output {
        let body: ResourceBody<Components.Schemas.ServedModel> =
            switch input.body {
            case .json(let item): .json(item)
            case .yaml(let raw): .yaml(raw)
            }
        let written = try await putResource(
            ServedModel.self, body: body, pathName: input.path.name, ifMatch: input.headers.ifMatch)
        if written.outcome == .created {
            return .created(
                .init(
                    headers: .init(
                        eTag: written.etag, location: Self.location("models", input.path.name),
                        xSwitchyardOutcome: written.outcome.rawValue),
                    body: .json(written.body)))
        }
        return .ok(
            .init(headers: .init(eTag: written.etag, xSwitchyardOutcome: written.outcome.rawValue), body: .json(written.body)))
    }

    func deleteModel(_ input: Operations.DeleteModel.Input) async throws -> Operations.DeleteModel.Output {
        try await deleteResource(ServedModel.self, named: input.path.name, ifMatch: input.headers.ifMatch)
        return .noContent(.init())
    }
}
