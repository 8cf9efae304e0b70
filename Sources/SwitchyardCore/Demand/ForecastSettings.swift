/// How a ``DemandForecaster`` reads a model's recent demand.
public struct ForecastSettings: Codable, Sendable, Equatable, Hashable {
    /// Samples this recent fit the level and trend (a least-squares line), seconds.
    public var trendWindowSeconds: Double
    /// Forecast errors this recent size the uncertainty band, seconds.
    public var errorWindowSeconds: Double
    /// The period of the time-of-day profile, seconds (one day).
    public var seasonSeconds: Double
    /// The band is at least this fraction of the level, so a quiet trace still keeps some margin.
    public var minimumBandFraction: Double

    public init(
        trendWindowSeconds: Double = 900, errorWindowSeconds: Double = 3600, seasonSeconds: Double = 86_400,
        minimumBandFraction: Double = 0.02
    ) {
        self.trendWindowSeconds = trendWindowSeconds
        self.errorWindowSeconds = errorWindowSeconds
        self.seasonSeconds = seasonSeconds
        self.minimumBandFraction = minimumBandFraction
    }

    /// How much history a forecast over `horizon` seconds reads: the season, the error window checked one
    /// horizon back, and the trend window each of those checks fits.
    public func lookbackSeconds(horizon: Double) -> Double {
        seasonSeconds + errorWindowSeconds + trendWindowSeconds + max(0, horizon)
    }
}
