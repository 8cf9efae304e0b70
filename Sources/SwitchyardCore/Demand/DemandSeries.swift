/// Demand samples as two parallel arrays in time order, for the forecaster's arithmetic.
struct DemandSeries: Sendable {
    private(set) var times: [Double] = []
    private(set) var values: [Double] = []

    init() {}

    /// Samples in any order; non-finite or negative rates are left out, equal times keep the last.
    init(_ points: [(t: Double, rps: Double)]) {
        for point in points.sorted(by: { $0.t < $1.t }) { append(t: point.t, rps: point.rps) }
    }

    var count: Int { times.count }

    /// Adds a sample after the others; one out of order or not finite is ignored.
    mutating func append(t: Double, rps: Double) {
        guard t.isFinite, rps.isFinite, rps >= 0 else { return }
        if let last = times.last {
            if t < last { return }
            if t == last {
                values[values.count - 1] = rps
                return
            }
        }
        times.append(t)
        values.append(rps)
    }

    /// Drops samples older than `t`.
    mutating func removeBefore(_ t: Double) {
        let first = firstIndex(atOrAfter: t)
        guard first > 0 else { return }
        times.removeFirst(first)
        values.removeFirst(first)
    }

    /// The index of the first sample at or after `t` (`count` when none).
    func firstIndex(atOrAfter t: Double) -> Int {
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < t { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The number of samples at or before `t`.
    func countThrough(_ t: Double) -> Int {
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The rate at `t`, linear between the samples around it; nil outside the samples.
    func value(at t: Double) -> Double? {
        guard let first = times.first, let last = times.last, t >= first, t <= last else { return nil }
        let index = firstIndex(atOrAfter: t)
        if times[index] == t || index == 0 { return values[index] }
        let t0 = times[index - 1], t1 = times[index]
        let v0 = values[index - 1], v1 = values[index]
        return v0 + (v1 - v0) * (t - t0) / (t1 - t0)
    }
}
