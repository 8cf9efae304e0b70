import SwitchyardCore

// Rollouts between the domain and the API, field by field.

extension Components.Schemas.Rollout {
    /// - Parameter weights: the model's router weights in force, by unit; nil leaves them out (listings).
    init(_ rollout: SwitchyardCore.Rollout, weights: [String: Int]? = nil) throws {
        self.init(
            id: rollout.id, model: rollout.model, fromVersion: rollout.fromVersion, toVersion: rollout.toVersion,
            steps: rollout.steps, pauseSeconds: rollout.pauseSeconds,
            gates: .init(
                maxErrorRate: rollout.gates.maxErrorRate, maxLatencyMs: rollout.gates.maxLatencyMs,
                latencyPercentile: try SchemaEnum.convert(rollout.gates.latencyPercentile),
                noData: try SchemaEnum.convert(rollout.gates.noData)),
            status: try SchemaEnum.convert(rollout.status), step: rollout.stepIndex + 1,
            canaryPercent: rollout.canaryPercent, stepStartedAt: rollout.stepStartedAt, createdAt: rollout.createdAt,
            updatedAt: rollout.updatedAt, finishedAt: rollout.finishedAt, reason: rollout.reason,
            lastReading: rollout.lastReading.map { .init(errorRate: $0.errorRate, latencyMs: $0.latencyMs) },
            weights: weights.map { .init(additionalProperties: $0) })
    }
}

extension SwitchyardCore.RolloutRequest {
    init(_ body: Components.Schemas.RolloutRequest) throws {
        self.init(
            toVersion: body.toVersion, steps: body.steps, pauseSeconds: body.pauseSeconds,
            maxErrorRate: body.gates?.maxErrorRate, maxLatencyMs: body.gates?.maxLatencyMs,
            noData: try body.gates?.noData.map { try SchemaEnum.convert($0, to: NoDataPolicy.self) })
    }
}
