/// A unit's breaking point and how it was found.
public struct UnitRating: Codable, Sendable, Equatable, Hashable {
    public var unit: String
    /// Requests per second the unit sustains inside the model's SLO; nil when unrated.
    public var breakingPointRPS: Double?
    public var source: RatingSource
    /// The constraint that bounded the breaking point (the first one the next sample broke).
    public var boundBy: RatingConstraint?
    /// Which benchmark run and sample gave the breaking point.
    public var benchmarkRunID: Int64?
    public var sampleIndex: Int?
    /// A sentence a person can read.
    public var explanation: String

    public init(
        unit: String, breakingPointRPS: Double?, source: RatingSource, boundBy: RatingConstraint? = nil,
        benchmarkRunID: Int64? = nil, sampleIndex: Int? = nil, explanation: String
    ) {
        self.unit = unit
        self.breakingPointRPS = breakingPointRPS
        self.source = source
        self.boundBy = boundBy
        self.benchmarkRunID = benchmarkRunID
        self.sampleIndex = sampleIndex
        self.explanation = explanation
    }

    public var isRated: Bool { breakingPointRPS.map { $0 > 0 } ?? false }
}

public enum RatingSource: String, Codable, Sendable, Hashable {
    case manual, benchmark, unrated
}

/// Why a breaking point is where it is.
public enum RatingConstraint: String, Codable, Sendable, Hashable {
    case latency, errorRate, utilization, plateau
    /// Every sample was within the SLO: the highest measured throughput, a lower bound.
    case lastSample
}
