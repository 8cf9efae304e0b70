import SwitchyardStore

/// Pushes a model's desired state after its rollout moved. ``ApplyService`` pushes it here; a replica that may
/// follow pushes through the leader (``HandedOverRolloutPushes``).
public protocol RolloutPushing: Sendable {
    /// Pushes `model`'s desired state as the store now holds it.
    /// - Returns: nil when every item went out, else a sentence saying what failed.
    func push(model: String, context: ChangeContext) async throws -> String?
}

extension ApplyService: RolloutPushing {
    public func push(model: String, context: ChangeContext) async throws -> String? {
        Self.failures(of: try await apply(models: [model], context: context))
    }

    /// What failed in `report`, as one sentence; nil when everything went out.
    static func failures(of report: ApplyReport) -> String? {
        guard !report.succeeded else { return nil }
        return report.failures.map { "\($0.key): \($0.error ?? "failed")" }.joined(separator: "; ")
    }
}

/// The rollout pushes of a replica that shares its database with others: pushed here while this replica leads,
/// else handed to the leader through the apply queue, so that a rollout started or stepped through any replica's API
/// goes out at once and only the leader pushes.
public struct HandedOverRolloutPushes: RolloutPushing {
    let apply: ApplyService
    let handoff: ApplyHandoff

    public init(apply: ApplyService, handoff: ApplyHandoff) {
        self.apply = apply
        self.handoff = handoff
    }

    public func push(model: String, context: ChangeContext) async throws -> String? {
        guard !(await handoff.pushesHere) else { return try await apply.push(model: model, context: context) }
        return ApplyService.failures(of: try await handoff.handOver(models: [model], context: context))
    }
}
