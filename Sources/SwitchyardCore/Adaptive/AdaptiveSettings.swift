/// How the adaptive rebalancer runs a model: how often it re-plans, how much a new mix must save, and how
/// long a transition step may take.
public struct AdaptiveSettings: Codable, Sendable, Equatable, Hashable {
    /// Seconds between rebalancer passes.
    public var intervalSeconds: Double
    /// A new mix is adopted when it saves more than this fraction of the hourly cost of the mix in force
    /// (resized for the same demand), or when the mix in force cannot carry the forecast.
    public var savingsThreshold: Double
    /// A mix adopted for its saving must carry the forecast with this fraction to spare, so that demand
    /// wandering around one mix's capacity does not swap mixes back and forth.
    public var savingsMargin: Double
    /// Seconds after a weight change before another is made for a saving alone (capacity never waits).
    public var minimumDwellSeconds: Double
    /// The load each replica is planned to carry, as a fraction of its breaking point (the ScaledObject's
    /// target: breaking point × this). Higher than a reactive target can afford: capacity is launched ahead
    /// of the forecast, and the forecast's band is the margin for surprises.
    public var targetUtilization: Double
    /// How long a transition may wait for replicas to become ready, as a multiple of the slowest gaining
    /// unit's time to serve, before it is rolled back.
    public var readyTimeoutFactor: Double
    public var forecast: ForecastSettings

    public init(
        intervalSeconds: Double = 60, savingsThreshold: Double = 0.05, savingsMargin: Double = 0.02,
        minimumDwellSeconds: Double = 0, targetUtilization: Double = 0.9,
        readyTimeoutFactor: Double = 2, forecast: ForecastSettings = ForecastSettings()
    ) {
        self.intervalSeconds = intervalSeconds
        self.savingsThreshold = savingsThreshold
        self.savingsMargin = savingsMargin
        self.minimumDwellSeconds = minimumDwellSeconds
        self.targetUtilization = targetUtilization
        self.readyTimeoutFactor = readyTimeoutFactor
        self.forecast = forecast
    }
}
