import Foundation

/// A building block of generated demand; a trace is the sum of its patterns (never below 0).
public enum DemandPattern: Codable, Sendable, Equatable {
    /// The same demand throughout.
    case constant(rps: Double)
    /// From `fromRPS` at `start` to `toRPS` at `end` (seconds), flat outside.
    case ramp(fromRPS: Double, toRPS: Double, start: Double, end: Double)
    /// A daily wave like seed 004's: `baseRPS` outside the wave, rising smoothly (a squared sine) from
    /// `riseAt` to the peak `peakRPS` halfway and back down by `fallAt`; seconds within each `period`.
    case diurnal(baseRPS: Double, peakRPS: Double, riseAt: Double, fallAt: Double, period: Double = 86_400)
    /// `extraRPS` on top of the rest from `at` for `duration` seconds.
    case spike(at: Double, duration: Double, extraRPS: Double)
    /// Multiplies the sum of the other patterns by (1 + u), u uniform in ±`fraction`, drawn per point
    /// from a ``SeededGenerator`` with `seed`.
    case noise(fraction: Double, seed: UInt64)

    /// This pattern's contribution at `t` (noise contributes nothing additively).
    func rps(at t: Double) -> Double {
        switch self {
        case .constant(let rps):
            return rps
        case .ramp(let from, let to, let start, let end):
            if t <= start { return from }
            if t >= end || end <= start { return to }
            return from + (to - from) * (t - start) / (end - start)
        case .diurnal(let base, let peak, let riseAt, let fallAt, let period):
            guard period > 0, fallAt > riseAt else { return base }
            let phase = t.truncatingRemainder(dividingBy: period)
            guard phase >= riseAt, phase < fallAt else { return base }
            let shape = sin(Double.pi * (phase - riseAt) / (fallAt - riseAt))
            return base + (peak - base) * shape * shape
        case .spike(let at, let duration, let extra):
            return t >= at && t < at + duration ? extra : 0
        case .noise:
            return 0
        }
    }
}

extension DemandTrace {
    /// Samples the sum of `patterns` every `interval` seconds from 0 through `duration`.
    public static func generate(_ patterns: [DemandPattern], duration: Double, interval: Double = 60) -> DemandTrace {
        let step = interval > 0 ? interval : 60
        let count = max(1, Int(saturating: (duration / step).rounded(.up)) + 1)
        var generators = patterns.compactMap { pattern -> (Double, SeededGenerator)? in
            if case .noise(let fraction, let seed) = pattern { return (fraction, SeededGenerator(seed: seed)) }
            return nil
        }
        var points: [DemandPoint] = []
        points.reserveCapacity(count)
        for index in 0..<count {
            let t = Double(index) * step
            var rps = patterns.reduce(0) { $0 + $1.rps(at: t) }
            for i in generators.indices {
                let u = generators[i].1.nextUnit() * 2 - 1
                rps *= 1 + generators[i].0 * u
            }
            points.append(DemandPoint(t: t, rps: max(0, rps)))
        }
        return DemandTrace(points: points)
    }
}
