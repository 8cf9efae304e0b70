import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listUnits(_ input: Operations.ListUnits.Input) async throws -> Operations.ListUnits.Output {
        let page = try await listResources(
            DeploymentUnit.self, as: Components.Schemas.DeploymentUnit.self,
            filter: ResourceFilter(model: input.query.model, pool: input.query.pool),
            cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items, nextCursor: page.nextCursor))))
    }

    func getUnit(_ input: Operations.GetUnit.Input) async throws -> Operations.GetUnit.Output {
        let found = try await getResource(DeploymentUnit.self, as: Components.Schemas.DeploymentUnit.self, named: input.path.name)
        return .ok(.init(headers: .init(eTag: found.etag), body: .json(found.body)))
    }

    func putUnit(_ input: Operations.PutUnit.Input) async throws -> Operations.PutUnit.Output {
        let body: ResourceBody<Components.Schemas.DeploymentUnit> =
            switch input.body {
            case .json(let item): .json(item)
            case .yaml(let raw): .yaml(raw)
            }
        let written = try await putResource(
            DeploymentUnit.self, body: body, pathName: input.path.name, ifMatch: input.headers.ifMatch)
        if written.outcome == .created {
            return .created(
                .init(
                    headers: .init(
                        eTag: written.etag, location: Self.location("units", input.path.name),
                        xSwitchyardOutcome: written.outcome.rawValue),
                    body: .json(written.body)))
        }
        return .ok(
            .init(headers: .init(eTag: written.etag, xSwitchyardOutcome: written.outcome.rawValue), body: .json(written.body)))
    }

    func deleteUnit(_ input: Operations.DeleteUnit.Input) async throws -> Operations.DeleteUnit.Output {
        try await deleteResource(DeploymentUnit.self, named: input.path.name, ifMatch: input.headers.ifMatch)
        return .noContent(.init())
    }
}
