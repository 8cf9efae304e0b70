import SwitchyardCore
import SwitchyardStore

/// Models, instance types, pools and units: each operation names its resource and shapes its generated output;
/// the behaviour is the generic one in `APIHandler+Resources.swift`.
extension APIHandler {
    // MARK: Models

    func listModels(_ input: Operations.ListModels.Input) async throws -> Operations.ListModels.Output {
        let page = try await listResources(ServedModel.self, cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items, nextCursor: page.nextCursor))))
    }

    func getModel(_ input: Operations.GetModel.Input) async throws -> Operations.GetModel.Output {
        let found = try await getResource(ServedModel.self, named: input.path.name)
        return .ok(.init(headers: .init(eTag: found.etag), body: .json(found.body)))
    }

    func putModel(_ input: Operations.PutModel.Input) async throws -> Operations.PutModel.Output {
        try await putResource(
            ServedModel.self, body: input.body.resourceBody, pathName: input.path.name, ifMatch: input.headers.ifMatch,
            created: { .created(.init(headers: .init(eTag: $1, location: $2, xSwitchyardOutcome: $3), body: .json($0))) },
            replaced: { .ok(.init(headers: .init(eTag: $1, xSwitchyardOutcome: $2), body: .json($0))) })
    }

    func deleteModel(_ input: Operations.DeleteModel.Input) async throws -> Operations.DeleteModel.Output {
        try await deleteResource(ServedModel.self, named: input.path.name, ifMatch: input.headers.ifMatch)
        return .noContent(.init())
    }

    // MARK: Instance types

    func listInstanceTypes(_ input: Operations.ListInstanceTypes.Input) async throws -> Operations.ListInstanceTypes.Output {
        let page = try await listResources(InstanceType.self, cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items, nextCursor: page.nextCursor))))
    }

    func getInstanceType(_ input: Operations.GetInstanceType.Input) async throws -> Operations.GetInstanceType.Output {
        let found = try await getResource(InstanceType.self, named: input.path.name)
        return .ok(.init(headers: .init(eTag: found.etag), body: .json(found.body)))
    }

    func putInstanceType(_ input: Operations.PutInstanceType.Input) async throws -> Operations.PutInstanceType.Output {
        try await putResource(
            InstanceType.self, body: input.body.resourceBody, pathName: input.path.name, ifMatch: input.headers.ifMatch,
            created: { .created(.init(headers: .init(eTag: $1, location: $2, xSwitchyardOutcome: $3), body: .json($0))) },
            replaced: { .ok(.init(headers: .init(eTag: $1, xSwitchyardOutcome: $2), body: .json($0))) })
    }

    func deleteInstanceType(_ input: Operations.DeleteInstanceType.Input) async throws -> Operations.DeleteInstanceType.Output {
        try await deleteResource(InstanceType.self, named: input.path.name, ifMatch: input.headers.ifMatch)
        return .noContent(.init())
    }

    // MARK: Pools

    func listPools(_ input: Operations.ListPools.Input) async throws -> Operations.ListPools.Output {
        let page = try await listResources(CapacityPool.self, cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items, nextCursor: page.nextCursor))))
    }

    func getPool(_ input: Operations.GetPool.Input) async throws -> Operations.GetPool.Output {
        let found = try await getResource(CapacityPool.self, named: input.path.name)
        return .ok(.init(headers: .init(eTag: found.etag), body: .json(found.body)))
    }

    func putPool(_ input: Operations.PutPool.Input) async throws -> Operations.PutPool.Output {
        try await putResource(
            CapacityPool.self, body: input.body.resourceBody, pathName: input.path.name, ifMatch: input.headers.ifMatch,
            created: { .created(.init(headers: .init(eTag: $1, location: $2, xSwitchyardOutcome: $3), body: .json($0))) },
            replaced: { .ok(.init(headers: .init(eTag: $1, xSwitchyardOutcome: $2), body: .json($0))) })
    }

    func deletePool(_ input: Operations.DeletePool.Input) async throws -> Operations.DeletePool.Output {
        try await deleteResource(CapacityPool.self, named: input.path.name, ifMatch: input.headers.ifMatch)
        return .noContent(.init())
    }

    // MARK: Units

    func listUnits(_ input: Operations.ListUnits.Input) async throws -> Operations.ListUnits.Output {
        let page = try await listResources(
            DeploymentUnit.self, filter: ResourceFilter(model: input.query.model, pool: input.query.pool),
            cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items, nextCursor: page.nextCursor))))
    }

    func getUnit(_ input: Operations.GetUnit.Input) async throws -> Operations.GetUnit.Output {
        let found = try await getResource(DeploymentUnit.self, named: input.path.name)
        return .ok(.init(headers: .init(eTag: found.etag), body: .json(found.body)))
    }

    func putUnit(_ input: Operations.PutUnit.Input) async throws -> Operations.PutUnit.Output {
        try await putResource(
            DeploymentUnit.self, body: input.body.resourceBody, pathName: input.path.name, ifMatch: input.headers.ifMatch,
            created: { .created(.init(headers: .init(eTag: $1, location: $2, xSwitchyardOutcome: $3), body: .json($0))) },
            replaced: { .ok(.init(headers: .init(eTag: $1, xSwitchyardOutcome: $2), body: .json($0))) })
    }

    func deleteUnit(_ input: Operations.DeleteUnit.Input) async throws -> Operations.DeleteUnit.Output {
        try await deleteResource(DeploymentUnit.self, named: input.path.name, ifMatch: input.headers.ifMatch)
        return .noContent(.init())
    }
}
