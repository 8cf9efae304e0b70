import Foundation

/// The demand to provision for over the next `horizonSeconds`, with how each figure was reached.
public struct DemandForecast: Codable, Sendable, Equatable {
    /// When the forecast was made (the newest sample's time, or the time asked for).
    public var at: Date
    /// How far ahead it looks: the time a new replica takes to serve.
    public var horizonSeconds: Double
    /// Samples it read.
    public var sampleCount: Int
    /// The newest sample's rate, rps.
    public var latestRPS: Double
    /// The fitted demand now, rps.
    public var levelRPS: Double
    /// The fitted change, rps per second.
    public var trendRPSPerSecond: Double
    /// What the time-of-day profile adds between now and the horizon (the change one day earlier over the
    /// same span), rps; nil until a day of history exists.
    public var seasonalChangeRPS: Double?
    /// The expected demand at the horizon, rps.
    public var expectedRPS: Double
    /// Half-width of the band above the expectation: the largest under-forecast of the recent past, rps.
    public var bandRPS: Double
    /// What to provision for: the larger of the level and the expectation, plus the band, rps.
    public var provisionRPS: Double
    /// Every figure above in words.
    public var explanation: [String]

    public init(
        at: Date, horizonSeconds: Double, sampleCount: Int, latestRPS: Double, levelRPS: Double, trendRPSPerSecond: Double,
        seasonalChangeRPS: Double?, expectedRPS: Double, bandRPS: Double, provisionRPS: Double, explanation: [String]
    ) {
        self.at = at
        self.horizonSeconds = horizonSeconds
        self.sampleCount = sampleCount
        self.latestRPS = latestRPS
        self.levelRPS = levelRPS
        self.trendRPSPerSecond = trendRPSPerSecond
        self.seasonalChangeRPS = seasonalChangeRPS
        self.expectedRPS = expectedRPS
        self.bandRPS = bandRPS
        self.provisionRPS = provisionRPS
        self.explanation = explanation
    }
}
