/// What-if settings a replay can change on any scenario, so a team can ask what each costs: the KEDA
/// target of the failover strategies, the adaptive strategy's target, the scale-down window, the launch and
/// load delays of every unit, every unit's minimum replicas, and the model's warm standby.
public struct ReplayKnobs: Codable, Sendable, Equatable {
    /// The ScaledObject target of the static and failover strategies, 0.1...1.
    public var targetUtilization: Double?
    /// The adaptive strategy's (and the clairvoyant bound's) target, 0.1...1.
    public var adaptiveTargetUtilization: Double?
    /// The HPA's scale-down stabilisation window, e.g. `5m`.
    public var scaleDownWindow: String?
    /// Node launch time of every unit, e.g. `2m`.
    public var nodeLaunch: String?
    /// Model load time of every unit, e.g. `10m`.
    public var modelLoad: String?
    /// Minimum replicas of every unit, 0...1,000.
    public var minReplicas: Int?
    /// The model's warm standby under the adaptive strategy: `auto` or a number of replicas, 0...1,000.
    public var standby: String?

    public init(
        targetUtilization: Double? = nil, adaptiveTargetUtilization: Double? = nil, scaleDownWindow: String? = nil,
        nodeLaunch: String? = nil, modelLoad: String? = nil, minReplicas: Int? = nil, standby: String? = nil
    ) {
        self.targetUtilization = targetUtilization
        self.adaptiveTargetUtilization = adaptiveTargetUtilization
        self.scaleDownWindow = scaleDownWindow
        self.nodeLaunch = nodeLaunch
        self.modelLoad = modelLoad
        self.minReplicas = minReplicas
        self.standby = standby
    }

    /// `scenario` with these settings in force.
    public func applied(to scenario: ReplayScenario) throws(ReplayError) -> ReplayScenario {
        var scenario = scenario
        if let value = targetUtilization {
            try Self.check(value, "targetUtilization")
            scenario.provisioning.targetUtilization = value
        }
        if let value = adaptiveTargetUtilization {
            try Self.check(value, "adaptiveTargetUtilization")
            scenario.adaptive.targetUtilization = value
        }
        if let text = scaleDownWindow {
            let seconds = try ReplaySpec.seconds(text)
            guard seconds <= 86_400 else { throw .invalidSpec("scaleDownWindow must be at most 1d") }
            scenario.provisioning.scaleDownStabilizationSeconds = seconds
        }
        let launch = try nodeLaunch.map { text throws(ReplayError) in try Self.delay(text, "nodeLaunch") }
        let load = try modelLoad.map { text throws(ReplayError) in try Self.delay(text, "modelLoad") }
        if launch != nil || load != nil {
            func adjust(_ timing: inout UnitTiming) {
                if let launch { timing.nodeLaunchSeconds = launch }
                if let load { timing.modelLoadSeconds = load }
            }
            adjust(&scenario.provisioning.defaultTiming)
            for name in scenario.provisioning.units.keys { adjust(&scenario.provisioning.units[name]!) }
        }
        if let count = minReplicas {
            guard (0...1_000).contains(count) else { throw .invalidSpec("minReplicas must be within 0...1000") }
            for index in scenario.fleet.units.indices where scenario.fleet.units[index].model == scenario.model {
                scenario.fleet.units[index].minReplicas = count
                scenario.fleet.units[index].maxReplicas = max(scenario.fleet.units[index].maxReplicas, count)
            }
        }
        if let text = standby {
            guard let policy = StandbyPolicy(text: text), policy.replicas <= 1_000 else {
                throw .invalidSpec("standby must be auto or a number of replicas within 0...1000")
            }
            for index in scenario.fleet.models.indices where scenario.fleet.models[index].name == scenario.model {
                scenario.fleet.models[index].routing.standby = policy
            }
        }
        return scenario
    }

    private static func check(_ value: Double, _ field: String) throws(ReplayError) {
        guard value.isFinite, value >= 0.1, value <= 1 else { throw .invalidSpec("\(field) must be within 0.1...1") }
    }

    private static func delay(_ text: String, _ field: String) throws(ReplayError) -> Double {
        let seconds = try ReplaySpec.seconds(text)
        guard seconds <= 86_400 else { throw .invalidSpec("\(field) must be at most 1d") }
        return seconds
    }
}
