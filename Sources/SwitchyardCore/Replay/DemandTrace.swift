import Foundation

/// Demand over time: points of (seconds since the start, requests per second), linearly
/// interpolated between points and held flat before the first and after the last.
public struct DemandTrace: Codable, Sendable, Equatable {
    public var points: [DemandPoint]

    /// - Precondition: times strictly increase (``parseCSV(_:)`` and the generators guarantee it).
    public init(points: [DemandPoint]) {
        self.points = points
    }

    /// Demand at time `t` (seconds).
    public func rps(at t: Double) -> Double {
        guard let first = points.first, let last = points.last else { return 0 }
        if t <= first.t { return first.rps }
        if t >= last.t { return last.rps }
        // Binary search for the segment holding t.
        var low = 0, high = points.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if points[mid].t <= t { low = mid } else { high = mid }
        }
        let a = points[low], b = points[high]
        return a.rps + (b.rps - a.rps) * (t - a.t) / (b.t - a.t)
    }

    /// Parses `seconds,rps` lines. A first line that is not numeric is taken as a header; blank lines
    /// and lines starting with `#` are skipped.
    public static func parseCSV(_ text: String) throws(ReplayError) -> DemandTrace {
        var points: [DemandPoint] = []
        var firstLine = true
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: [" ", "\t", "\r"])
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: [" ", "\t"]) }
            defer { firstLine = false }
            guard fields.count == 2, let t = Double(fields[0]), t.isFinite, let rps = Double(fields[1]) else {
                if firstLine, fields.count == 2, Double(fields[0]) == nil { continue }  // a header
                throw .malformedTraceLine(line: number, text: line)
            }
            guard rps.isFinite, rps >= 0, rps <= DomainLimits.maxRPS else { throw .invalidDemand(line: number) }
            if let previous = points.last, t <= previous.t { throw .traceTimeNotIncreasing(line: number) }
            points.append(DemandPoint(t: t, rps: rps))
        }
        guard !points.isEmpty else { throw .emptyTrace }
        return DemandTrace(points: points)
    }

    /// The trace as `seconds,rps` CSV with a header, the inverse of ``parseCSV(_:)``.
    public var csv: String {
        "seconds,rps\n" + points.map { "\(ReplayNumber.text($0.t)),\(ReplayNumber.text($0.rps))\n" }.joined()
    }
}

/// One point of a demand trace.
public struct DemandPoint: Codable, Sendable, Equatable {
    /// Seconds since the start of the replay.
    public var t: Double
    public var rps: Double

    public init(t: Double, rps: Double) {
        self.t = t
        self.rps = rps
    }
}
