internal import Foundation
internal import OpenAPIRuntime
import SwitchyardCore

// Adaptive mixes and transitions as the API shows them, field by field (domain types spelled with their module).

extension Components.Schemas.ModelTransition {
    init(_ model: SwitchyardCore.ServedModel, state: SwitchyardCore.AdaptiveModelState) {
        self.init(
            model: model.name, adaptive: model.routing.adaptive, standbyPolicy: .init(model.routing.standby),
            inForce: .init(state.inForce), floors: .init(state.floors), weightsMovedAt: state.weightsMovedAt,
            // Written as null, not left out, when there is none.
            transition: .some(state.transition.map { .init($0) }))
    }
}

extension Components.Schemas.TransitionView {
    init(_ transition: SwitchyardCore.MixTransition) {
        self.init(
            value1: .init(transition),
            value2: .init(currentStep: transition.currentStep?.name, finished: transition.isFinished))
    }
}

extension Components.Schemas.AdaptiveModelState {
    init(_ state: SwitchyardCore.AdaptiveModelState) {
        self.init(
            inForce: .init(state.inForce), floors: .init(state.floors), transition: state.transition.map { .init($0) },
            weightsMovedAt: state.weightsMovedAt)
    }
}

extension Components.Schemas.ReplicaCounts {
    init(_ counts: [String: Int]) {
        self.init(additionalProperties: counts)
    }
}

extension Components.Schemas.UnitMix {
    init(_ mix: SwitchyardCore.UnitMix) {
        self.init(
            replicas: .init(mix.replicas), weights: .init(mix.weights), capacityRPS: mix.capacityRPS, hourlyUSD: mix.hourlyUSD)
    }
}

extension Components.Schemas.MixTransition {
    init(_ transition: SwitchyardCore.MixTransition) {
        let kind: KindPayload =
            switch transition.kind {
            case .keep: .keep
            case .saves: .saves
            case .capacity: .capacity
            }
        self.init(
            model: transition.model, kind: kind, from: .init(transition.from), to: .init(transition.to),
            previousFloors: .init(transition.previousFloors), steps: transition.steps.map { .init($0) },
            next: transition.next, startedAt: transition.startedAt, stepStartedAt: transition.stepStartedAt,
            reason: transition.reason, outcome: transition.outcome.map { .init($0) },
            standby: transition.standby.map { .init($0) })
    }
}

extension Components.Schemas.TransitionStep {
    init(_ step: SwitchyardCore.MixTransition.Step) {
        switch step {
        case .raiseFloors(let floors): self.init(name: .raiseFloors, floors: .init(floors))
        case .awaitReady(let ready, let timeoutSeconds):
            self.init(name: .awaitReady, ready: .init(ready), timeoutSeconds: timeoutSeconds)
        case .moveWeights(let weights): self.init(name: .moveWeights, weights: .init(weights))
        case .lowerFloors(let floors): self.init(name: .lowerFloors, floors: .init(floors))
        }
    }
}

extension Components.Schemas.TransitionOutcome {
    init(_ outcome: SwitchyardCore.MixTransition.Outcome) {
        switch outcome {
        case .completed: self.init(completed: OpenAPIObjectContainer())
        case .rolledBack(let reason): self.init(rolledBack: .init(reason: reason))
        }
    }
}

extension Components.Schemas.StandbyPlan {
    init(_ plan: SwitchyardCore.StandbyPlan) {
        self.init(floors: .init(plan.floors), capacityRPS: plan.capacityRPS, hourlyUSD: plan.hourlyUSD, reason: plan.reason)
    }
}

extension Components.Schemas.StandbyPolicy {
    init(_ policy: SwitchyardCore.StandbyPolicy) {
        switch policy {
        case .auto: self = .case1(.auto)
        case .replicas(let count): self = .case2(count)
        }
    }
}
