import Foundation

/// How often each capacity pool has been short over a window, counted in episodes: a `short` signal opens an
/// episode unless one is already open for the pool, and a `recovered` signal closes it. Repeated reports of
/// one shortage count once.
public struct ShortageHistory: Sendable, Equatable {
    /// Shortage episodes per pool; pools never short are absent.
    public var episodes: [String: Int]
    /// The length of the window the episodes were counted over, seconds.
    public var windowSeconds: Double

    public init(episodes: [String: Int] = [:], windowSeconds: Double) {
        self.episodes = episodes.filter { $0.value > 0 }
        self.windowSeconds = windowSeconds
    }

    /// The episodes in `signals` observed within `windowSeconds` before `now`, in observation order.
    public init(signals: [CapacitySignal], windowSeconds: Double, now: Date) {
        let start = now.addingTimeInterval(-windowSeconds)
        var open: Set<String> = []
        var episodes: [String: Int] = [:]
        for signal in signals.sorted(by: { $0.observedAt < $1.observedAt })
        where signal.observedAt >= start && signal.observedAt <= now {
            switch signal.condition {
            case .short:
                if open.insert(signal.pool).inserted { episodes[signal.pool, default: 0] += 1 }
            case .recovered:
                open.remove(signal.pool)
            }
        }
        self.init(episodes: episodes, windowSeconds: windowSeconds)
    }

    /// No shortage seen.
    public static func none(windowSeconds: Double = ShortageHistory.defaultWindowSeconds) -> ShortageHistory {
        ShortageHistory(windowSeconds: windowSeconds)
    }

    /// The window `auto` standby looks back over: a week.
    public static let defaultWindowSeconds = 7 * 86_400.0

    /// The fraction of the window a pool would leave its traffic unserved if each of its shortages took
    /// `recoverySeconds` to fail over from: episodes × recovery / window.
    public func exposure(of pool: String, recoverySeconds: Double) -> Double {
        guard windowSeconds > 0 else { return 0 }
        return Double(episodes[pool] ?? 0) * max(0, recoverySeconds) / windowSeconds
    }
}
