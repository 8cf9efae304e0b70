internal import Foundation
import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func getModelTransition(_ input: Operations.GetModelTransition.Input) async throws -> Operations.GetModelTransition.Output {
        let model = try await database.get(ServedModel.self, named: input.path.name).value
        let state = try await database.adaptiveStates()[model.name] ?? AdaptiveModelState()
        let view = ModelTransition(
            model: model.name, adaptive: model.routing.adaptive, standbyPolicy: model.routing.standby,
            inForce: state.inForce, floors: state.floors, weightsMovedAt: state.weightsMovedAt,
            transition: state.transition.map(TransitionView.init))
        return .ok(.init(body: .json(try SchemaBridge.convert(view, to: Components.Schemas.JSONObject.self))))
    }

    /// What `GET /v1/models/{name}/transition` answers.
    private struct ModelTransition: Encodable {
        var model: String
        var adaptive: Bool
        var standbyPolicy: StandbyPolicy
        var inForce: UnitMix
        var floors: [String: Int]
        var weightsMovedAt: Date?
        /// Encoded as null when there is none.
        var transition: TransitionView?

        private enum CodingKeys: String, CodingKey {
            case model, adaptive, standbyPolicy, inForce, floors, weightsMovedAt, transition
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(model, forKey: .model)
            try container.encode(adaptive, forKey: .adaptive)
            try container.encode(standbyPolicy, forKey: .standbyPolicy)
            try container.encode(inForce, forKey: .inForce)
            try container.encode(floors, forKey: .floors)
            try container.encodeIfPresent(weightsMovedAt, forKey: .weightsMovedAt)
            try container.encode(transition, forKey: .transition)
        }
    }

    /// A transition with where it stands spelled out: the step it is at and whether it has ended.
    private struct TransitionView: Encodable {
        var transition: MixTransition
        var currentStep: String?
        var finished: Bool

        init(_ transition: MixTransition) {
            self.transition = transition
            currentStep = transition.currentStep?.name
            finished = transition.isFinished
        }

        private enum CodingKeys: String, CodingKey {
            case currentStep, finished
        }

        func encode(to encoder: any Encoder) throws {
            try transition.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(currentStep, forKey: .currentStep)
            try container.encode(finished, forKey: .finished)
        }
    }
}
