/// Everything one replay needs: the model's slice of a fleet, demand over time, capacity windows,
/// provisioning realism and the failover settings of the strategies that fail over.
public struct ReplayScenario: Codable, Sendable, Equatable {
    public var name: String
    /// The fleet the model's units, instance types, pools and benchmarks come from.
    public var fleet: Fleet
    public var model: String
    public var demand: DemandTrace
    public var capacityWindows: [CapacityWindow]
    /// Simulation step, seconds (10 by default).
    public var stepSeconds: Double
    /// Simulated time, seconds.
    public var durationSeconds: Double
    public var provisioning: ProvisioningModel
    /// Hold time and minimum dwell of Switchyard's failover strategies.
    public var failover: FailoverSettings
    /// The sample's controller reverts to cost only when told: the times an operator tells it.
    public var sampleControllerRevertTimes: [Double]
    /// Seconds between the sample controller's log scans (300 in seed 004's sample).
    public var sampleControllerPollSeconds: Double
    /// Width of the report's time-series buckets, seconds.
    public var seriesIntervalSeconds: Double
    /// How `switchyard adaptive` re-plans (its target utilisation is the provisioning model's).
    public var adaptive: AdaptiveSettings
    /// How late a demand sample is seen by the adaptive strategy (a rate over a scrape window).
    public var demandObservationDelaySeconds: Double
    /// Spot nodes reclaimed during the replay; nil: none.
    public var spotInterruptions: SpotInterruptions?

    public init(
        name: String, fleet: Fleet, model: String, demand: DemandTrace, capacityWindows: [CapacityWindow] = [],
        stepSeconds: Double = 10, durationSeconds: Double, provisioning: ProvisioningModel = ProvisioningModel(),
        failover: FailoverSettings = FailoverSettings(), sampleControllerRevertTimes: [Double] = [],
        sampleControllerPollSeconds: Double = 300, seriesIntervalSeconds: Double = 300,
        adaptive: AdaptiveSettings = AdaptiveSettings(), demandObservationDelaySeconds: Double = 60,
        spotInterruptions: SpotInterruptions? = nil
    ) {
        self.name = name
        self.fleet = fleet
        self.model = model
        self.demand = demand
        self.capacityWindows = capacityWindows
        self.stepSeconds = stepSeconds
        self.durationSeconds = durationSeconds
        self.provisioning = provisioning
        self.failover = failover
        self.sampleControllerRevertTimes = sampleControllerRevertTimes
        self.sampleControllerPollSeconds = sampleControllerPollSeconds
        self.seriesIntervalSeconds = seriesIntervalSeconds
        self.adaptive = adaptive
        self.demandObservationDelaySeconds = demandObservationDelaySeconds
        self.spotInterruptions = spotInterruptions
    }
}
