internal import Foundation
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

extension APIHandler {
    func listRollouts(_ input: Operations.ListRollouts.Input) async throws -> Operations.ListRollouts.Output {
        let model = try await database.get(ServedModel.self, named: input.path.name).value
        let rollouts = try await database.rollouts(model: model.name)
        return .ok(.init(body: .json(try rollouts.map { try Components.Schemas.Rollout($0) })))
    }

    func startRollout(_ input: Operations.StartRollout.Input) async throws -> Operations.StartRollout.Output {
        guard case .json(let body) = input.body else { throw APIError.unsupportedMediaType(detail: "Send JSON.") }
        let rollout = try await control.rollouts.start(
            model: input.path.name, request: try RolloutRequest(body), now: now(), context: try RequestScope.changeContext())
        return .created(.init(body: .json(try .init(rollout, weights: try await weights(of: rollout.model)))))
    }

    func getCurrentRollout(_ input: Operations.GetCurrentRollout.Input) async throws -> Operations.GetCurrentRollout.Output {
        let model = try await database.get(ServedModel.self, named: input.path.name).value
        let rollouts = try await database.rollouts(model: model.name)
        guard let current = rollouts.first(where: \.isActive) ?? rollouts.first else {
            throw RolloutError.noActiveRollout(model: model.name)
        }
        return .ok(.init(body: .json(try .init(current, weights: try await weights(of: model.name)))))
    }

    func actOnRollout(_ input: Operations.ActOnRollout.Input) async throws -> Operations.ActOnRollout.Output {
        let action: RolloutAction = try SchemaEnum.convert(input.path.action)
        let rollout = try await control.rollouts.act(
            action, model: input.path.name, now: now(), context: try RequestScope.changeContext())
        return .ok(.init(body: .json(try .init(rollout, weights: try await weights(of: rollout.model)))))
    }

    func reportRolloutReading(_ input: Operations.ReportRolloutReading.Input) async throws -> Operations.ReportRolloutReading.Output {
        guard case .json(let body) = input.body else { throw APIError.unsupportedMediaType(detail: "Send JSON.") }
        let rollout = try await control.rollouts.report(
            GateReading(errorRate: body.errorRate, latencyMs: body.latencyMs), model: input.path.name, now: now(),
            context: try RequestScope.changeContext())
        return .ok(.init(body: .json(try .init(rollout, weights: try await weights(of: rollout.model)))))
    }

    /// The model's router weights in force now, by unit: those of its desired state.
    private func weights(of model: String) async throws -> [String: Int] {
        let state = try await control.apply.desiredState(models: [model])
        guard let plan = state.plans.first(where: { $0.model == model }) else { return [:] }
        return Dictionary(plan.entries.map { ($0.unit, $0.weight) }) { first, _ in first }
    }
}
