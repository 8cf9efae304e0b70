import Foundation

/// Forecasts the demand to provision for over a horizon (the time a new replica takes to serve).
///
/// Pure. The expectation at the horizon is the level of a least-squares line through the samples of the
/// trend window, plus the line's slope over the horizon; once a day of history exists it is the mean of
/// that and the time-of-day profile's change over the same span one season earlier. The band above it is
/// the largest amount by which this same forecast, made one horizon earlier, fell short of what was then
/// observed, over the error window (at least a small fraction of the level). Samples spanning less than half
/// the trend window give no trend and the newest sample is the level: a burst of reports seconds apart is not
/// extrapolated over minutes. Provisioning covers the
/// larger of the level and the expectation, plus the band, so capacity asked for now is there when it
/// has loaded.
public struct DemandForecaster: Sendable {
    public var settings: ForecastSettings

    public init(settings: ForecastSettings = ForecastSettings()) {
        self.settings = settings
    }

    /// The forecast at `now` from `samples` (any order; those after `now` are ignored).
    public func forecast(_ samples: [DemandSample], at now: Date, horizonSeconds: Double) -> DemandForecast {
        let series = DemandSeries(samples.map { ($0.observedAt.timeIntervalSince1970, $0.rps) })
        return forecast(series, at: now.timeIntervalSince1970, horizonSeconds: horizonSeconds)
    }

    func forecast(_ series: DemandSeries, at now: Double, horizonSeconds: Double) -> DemandForecast {
        let horizon = horizonSeconds.isFinite ? max(0, horizonSeconds) : 0
        let usable = series.countThrough(now)
        let date = Date(timeIntervalSince1970: now)
        guard usable > 0 else {
            return DemandForecast(
                at: date, horizonSeconds: horizon, sampleCount: 0, latestRPS: 0, levelRPS: 0, trendRPSPerSecond: 0,
                seasonalChangeRPS: nil, expectedRPS: 0, bandRPS: 0, provisionRPS: 0,
                explanation: ["no demand sample yet: nothing to forecast from"]
            )
        }
        let point = expectation(series, usable: usable, at: now, horizon: horizon)
        var worstShortfall = 0.0
        var checked = 0
        let errorStart = series.firstIndex(atOrAfter: now - settings.errorWindowSeconds)
        if horizon > 0, let first = series.times.first {
            for index in errorStart..<usable {
                let made = series.times[index] - horizon
                guard made >= first else { continue }
                let earlier = expectation(series, usable: series.countThrough(made), at: made, horizon: horizon)
                worstShortfall = max(worstShortfall, series.values[index] - earlier.expected)
                checked += 1
            }
        }
        let floorBand = settings.minimumBandFraction * point.level
        let band = max(worstShortfall, floorBand)
        let provision = max(point.level, point.expected) + band
        var explanation = [
            "level \(DecimalText.format(point.level)) rps: a least-squares line through \(point.fitted) samples of the last "
                + "\(DecimalText.format(settings.trendWindowSeconds)) s",
            "trend \(DecimalText.format(point.trend * 60)) rps per minute, \(DecimalText.format(point.trend * horizon)) rps over "
                + "the \(DecimalText.format(horizon)) s horizon",
        ]
        if let seasonal = point.seasonal {
            explanation.append("one season earlier demand changed by \(DecimalText.format(seasonal)) rps over the same span; "
                + "the expectation is the mean of trend and profile")
        } else {
            explanation.append("no time-of-day profile yet: it needs \(DecimalText.format(settings.seasonSeconds)) s of history")
        }
        explanation.append("expected \(DecimalText.format(point.expected)) rps at the horizon")
        explanation.append(worstShortfall >= floorBand && checked > 0
            ? "band \(DecimalText.format(band)) rps: the largest shortfall of this forecast over the last "
                + "\(DecimalText.format(settings.errorWindowSeconds)) s (\(checked) checks)"
            : "band \(DecimalText.format(band)) rps: \(DecimalText.format(settings.minimumBandFraction * 100)) % of the level "
                + "(\(checked) checks of past forecasts fell short by less)")
        explanation.append("provision for \(DecimalText.format(provision)) rps: max(level, expected) + band")
        return DemandForecast(
            at: date, horizonSeconds: horizon, sampleCount: usable, latestRPS: series.values[usable - 1],
            levelRPS: point.level, trendRPSPerSecond: point.trend,
            seasonalChangeRPS: point.seasonal, expectedRPS: point.expected, bandRPS: band, provisionRPS: provision,
            explanation: explanation
        )
    }

    /// Level, trend and expectation from the first `usable` samples, as seen at `now`.
    private func expectation(
        _ series: DemandSeries, usable: Int, at now: Double, horizon: Double
    ) -> (level: Double, trend: Double, seasonal: Double?, expected: Double, fitted: Int) {
        guard usable > 0 else { return (0, 0, nil, 0, 0) }
        let start = min(series.firstIndex(atOrAfter: now - settings.trendWindowSeconds), usable - 1)
        let times = series.times, values = series.values
        let n = Double(usable - start)
        var meanT = 0.0, meanV = 0.0
        for index in start..<usable {
            meanT += times[index]
            meanV += values[index]
        }
        meanT /= n
        meanV /= n
        var covariance = 0.0, variance = 0.0
        for index in start..<usable {
            let dt = times[index] - meanT
            covariance += dt * (values[index] - meanV)
            variance += dt * dt
        }
        // A line fitted over a short span (a burst of reports seconds apart) says nothing about the next minutes:
        // the newest sample is the level then, with no trend.
        let span = times[usable - 1] - times[start]
        let fitted = variance > 0 && span >= settings.trendWindowSeconds / 2
        let trend = fitted ? covariance / variance : 0
        let level = max(0, fitted ? meanV + trend * (now - meanT) : values[usable - 1])
        var expected = level + trend * horizon
        var seasonal: Double?
        let season = settings.seasonSeconds
        if season > horizon, let before = series.value(at: now - season), let after = series.value(at: now - season + horizon),
           times[0] <= now - season {
            seasonal = after - before
            expected = level + (trend * horizon + after - before) / 2
        }
        return (level, trend, seasonal, max(0, expected), usable - start)
    }
}
