import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listPools(_ input: Operations.ListPools.Input) async throws -> Operations.ListPools.Output {
        let page = try await listResources(
            CapacityPool.self, as: Components.Schemas.CapacityPool.self, cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items, nextCursor: page.nextCursor))))
    }

    func getPool(_ input: Operations.GetPool.Input) async throws -> Operations.GetPool.Output {
        let found = try await getResource(CapacityPool.self, as: Components.Schemas.CapacityPool.self, named: input.path.name)
        return .ok(.init(headers: .init(eTag: found.etag), body: .json(found.body)))
    }

    func putPool(_ input: Operations.PutPool.Input) async throws -> Operations.PutPool.Output {
        let body: ResourceBody<Components.Schemas.CapacityPool> =
            switch input.body {
            case .json(let item): .json(item)
            case .yaml(let raw): .yaml(raw)
            }
        let written = try await putResource(
            CapacityPool.self, body: body, pathName: input.path.name, ifMatch: input.headers.ifMatch)
        if written.outcome == .created {
            return .created(
                .init(
                    headers: .init(
                        eTag: written.etag, location: Self.location("pools", input.path.name),
                        xSwitchyardOutcome: written.outcome.rawValue),
                    body: .json(written.body)))
        }
        return .ok(
            .init(headers: .init(eTag: written.etag, xSwitchyardOutcome: written.outcome.rawValue), body: .json(written.body)))
    }

    func deletePool(_ input: Operations.DeletePool.Input) async throws -> Operations.DeletePool.Output {
        try await deleteResource(CapacityPool.self, named: input.path.name, ifMatch: input.headers.ifMatch)
        return .noContent(.init())
    }
}
