import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listInstanceTypes(_ input: Operations.ListInstanceTypes.Input) async throws -> Operations.ListInstanceTypes.Output {
        let page = try await listResources(
            InstanceType.self, as: Components.Schemas.InstanceType.self, cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items, nextCursor: page.nextCursor))))
    }

    func getInstanceType(_ input: Operations.GetInstanceType.Input) async throws -> Operations.GetInstanceType.Output {
        let found = try await getResource(InstanceType.self, as: Components.Schemas.InstanceType.self, named: input.path.name)
        return .ok(.init(headers: .init(eTag: found.etag), body: .json(found.body)))
    }

    func putInstanceType(_ input: Operations.PutInstanceType.Input) async throws -> Operations.PutInstanceType.Output {
        let body: ResourceBody<Components.Schemas.InstanceType> =
            switch input.body {
            case .json(let item): .json(item)
            case .yaml(let raw): .yaml(raw)
            }
        let written = try await putResource(
            InstanceType.self, body: body, pathName: input.path.name, ifMatch: input.headers.ifMatch)
        if written.outcome == .created {
            return .created(
                .init(
                    headers: .init(
                        eTag: written.etag, location: Self.location("instance-types", input.path.name),
                        xSwitchyardOutcome: written.outcome.rawValue),
                    body: .json(written.body)))
        }
        return .ok(
            .init(headers: .init(eTag: written.etag, xSwitchyardOutcome: written.outcome.rawValue), body: .json(written.body)))
    }

    func deleteInstanceType(_ input: Operations.DeleteInstanceType.Input) async throws -> Operations.DeleteInstanceType.Output {
        try await deleteResource(InstanceType.self, named: input.path.name, ifMatch: input.headers.ifMatch)
        return .noContent(.init())
    }
}
