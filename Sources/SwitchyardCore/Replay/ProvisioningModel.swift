/// How fast capacity arrives and how KEDA drives replicas in a replay.
///
/// Every replica is one node (the demo's instance types carry one accelerator each). A replica asked
/// for launches a node when its pool allows it, costs from that moment, and serves after the node
/// launch delay plus the unit's model load time (seed 004: 5 to 15 minutes until a pod serves).
public struct ProvisioningModel: Codable, Sendable, Equatable {
    /// Launch and load times for units not listed in `units`.
    public var defaultTiming: UnitTiming
    /// Per-unit launch and load times, by unit name.
    public var units: [String: UnitTiming]
    /// KEDA's `pollingInterval`: how often replicas are recomputed.
    public var pollingSeconds: Double
    /// The ScaledObject target per replica is breaking point × this.
    public var targetUtilization: Double
    /// The HPA's scale-down stabilisation window: replicas only fall to the highest desired count
    /// seen in this window.
    public var scaleDownStabilizationSeconds: Double
    /// How late Switchyard's observers see a pool become short or recover.
    public var detectionDelaySeconds: Double

    public init(
        defaultTiming: UnitTiming = UnitTiming(), units: [String: UnitTiming] = [:], pollingSeconds: Double = 30,
        targetUtilization: Double = 0.8, scaleDownStabilizationSeconds: Double = 300, detectionDelaySeconds: Double = 10
    ) {
        self.defaultTiming = defaultTiming
        self.units = units
        self.pollingSeconds = pollingSeconds
        self.targetUtilization = targetUtilization
        self.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds
        self.detectionDelaySeconds = detectionDelaySeconds
    }

    public func timing(of unit: String) -> UnitTiming {
        units[unit] ?? defaultTiming
    }
}

/// Time from asking for a replica to it serving.
public struct UnitTiming: Codable, Sendable, Equatable {
    /// From the launch request until the node has joined the cluster.
    public var nodeLaunchSeconds: Double
    /// From the node joining until the pod passes its readiness probe (image pull, model load, warm-up).
    public var modelLoadSeconds: Double

    public init(nodeLaunchSeconds: Double = 120, modelLoadSeconds: Double = 420) {
        self.nodeLaunchSeconds = nodeLaunchSeconds
        self.modelLoadSeconds = modelLoadSeconds
    }

    public var secondsUntilServing: Double { nodeLaunchSeconds + modelLoadSeconds }
}
