import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let tokens = try await database.listTokens()
        let items = try tokens.map(Components.Schemas.TokenInfo.init)
        return .ok(.init(body: .json(.init(items: items))))
    }

    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        let request = try await decode(input.body.resourceBody)
        let created = try await database.createToken(
            name: request.name, role: try SchemaEnum.convert(request.role), context: try RequestScope.changeContext())
        return .created(
            .init(
                body: .json(
                    .init(
                        info: try .init(created.info),
                        secret: created.secret))))
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        try await database.revokeToken(named: input.path.name, context: try RequestScope.changeContext())
        return .noContent(.init())
    }
}
