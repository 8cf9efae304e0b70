import Foundation

/// What Switchyard believes about one capacity pool, with the signal that made it so.
public enum PoolHealth: Codable, Sendable, Equatable, Hashable {
    /// No shortage known.
    case healthy
    /// Short of capacity since `since`; `evidence` is the latest short signal.
    case short(since: Date, evidence: CapacitySignal)
    /// Reported recovered at `healthySince` but not yet healthy for the hold time; a new shortage
    /// sends it back to `short`.
    case recovering(healthySince: Date, evidence: CapacitySignal)

    /// True only for `.healthy`: a recovering pool has not yet earned trust.
    public var isHealthy: Bool {
        if case .healthy = self { return true }
        return false
    }

    /// True only for `.short`.
    public var isShort: Bool {
        if case .short = self { return true }
        return false
    }

    /// The signal behind the current state, if any.
    public var evidence: CapacitySignal? {
        switch self {
        case .healthy: nil
        case .short(_, let evidence), .recovering(_, let evidence): evidence
        }
    }
}
