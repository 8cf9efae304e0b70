import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func getModelTransition(_ input: Operations.GetModelTransition.Input) async throws -> Operations.GetModelTransition.Output {
        let model = try await database.get(ServedModel.self, named: input.path.name).value
        let state = try await database.adaptiveStates()[model.name] ?? AdaptiveModelState()
        return .ok(.init(body: .json(.init(model, state: state))))
    }
}
