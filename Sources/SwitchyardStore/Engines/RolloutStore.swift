import Foundation
import SwitchyardCore

/// Each model's rollouts and the version routing they put in force, as both engines keep them. An update applies only
/// over the state it was decided from.
public protocol RolloutStore: Sendable {
    /// A model's rollouts, newest first.
    func rollouts(model: String) async throws -> [Rollout]
    /// Every active rollout (progressing or paused), by model name.
    func activeRollouts() async throws -> [String: Rollout]
    /// Per model with a rollout, the stable version and the active rollout's split.
    func versionRoutings() async throws -> [String: VersionRouting]
    /// The target of a model's last promoted rollout; nil when none was promoted.
    func stableVersion(model: String) async throws -> String?
    /// Starts a rollout with its audit event: `notFound` for an unknown model, `invalid` naming each bad field,
    /// `conflict` when the model already has an active rollout.
    func startRollout(model: String, request: RolloutRequest, now: Date, context: ChangeContext) async throws -> Rollout
    /// Stores `rollout` over `previous` with its audit events; `conflict` when the stored rollout is no longer
    /// `previous`.
    func updateRollout(_ rollout: Rollout, from previous: Rollout, audits: [AuditEntry]) async throws
}
