import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let tokens = try await database.listTokens()
        let items = try tokens.map { try SchemaBridge.convert($0, to: Components.Schemas.TokenInfo.self) }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        let body: ResourceBody<Components.Schemas.TokenRequest> =
            switch input.body {
            case .json(let request): .json(request)
            case .yaml(let raw): .yaml(raw)
            }
        let request: TokenRequest = try await decode(body)
        let created = try await database.createToken(
            name: request.name, role: request.role, context: try RequestScope.changeContext())
        return .created(
            .init(
                body: .json(
                    .init(
                        info: try SchemaBridge.convert(created.info, to: Components.Schemas.TokenInfo.self),
                        secret: created.secret))))
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        try await database.revokeToken(named: input.path.name, context: try RequestScope.changeContext())
        return .noContent(.init())
    }
}

/// The body of `POST /v1/tokens`.
struct TokenRequest: Codable, Sendable {
    var name: String
    var role: Role
}
