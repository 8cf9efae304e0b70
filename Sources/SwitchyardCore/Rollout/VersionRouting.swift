/// Which of a model's versions take its traffic: the stable version, and during a rollout the target version with
/// its share. Units serve the version they name; units that name none serve the version before any was named
/// (nil), so a fleet without versions routes as it always did.
public struct VersionRouting: Sendable, Equatable, Hashable {
    /// The version outside a rollout's share; nil: the unversioned units.
    public var stable: String?
    /// The version being rolled out, while a rollout is active.
    public var canary: String?
    /// The canary's share of traffic, percent (0...100).
    public var canaryPercent: Int

    public init(stable: String? = nil, canary: String? = nil, canaryPercent: Int = 0) {
        self.stable = stable
        self.canary = canary
        self.canaryPercent = min(max(canaryPercent, 0), 100)
    }

    /// The routing a model's rollouts put in force: `last` is its most recent rollout (nil: none yet), `stable`
    /// the version its last promoted rollout made stable.
    public init(stable: String?, active: Rollout?) {
        if let active, active.isActive {
            self.init(stable: active.fromVersion, canary: active.toVersion, canaryPercent: active.canaryPercent)
        } else {
            self.init(stable: stable)
        }
    }

    /// Whether `unit` serves the stable version.
    public func isStable(_ unit: DeploymentUnit) -> Bool { unit.version == stable }

    /// Whether `unit` serves the version being rolled out.
    public func isCanary(_ unit: DeploymentUnit) -> Bool { canary != nil && unit.version == canary }
}
