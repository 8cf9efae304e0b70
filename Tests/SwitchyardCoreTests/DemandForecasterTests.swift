import Foundation
import Testing
@testable import SwitchyardCore

@Suite("Demand forecaster")
struct DemandForecasterTests {
    let forecaster = DemandForecaster()

    func samples(every interval: Double = 60, through end: Double, _ rps: (Double) -> Double) -> [DemandSample] {
        stride(from: 0, through: end, by: interval).map {
            DemandSample(model: "m", observedAt: Date(timeIntervalSince1970: $0), rps: rps($0), source: "test")
        }
    }

    @Test("a flat trace forecasts its level, no trend, and the minimum band")
    func level() {
        let forecast = forecaster.forecast(samples(through: 3600) { _ in 100 }, at: Date(timeIntervalSince1970: 3600), horizonSeconds: 600)
        #expect(abs(forecast.levelRPS - 100) < 1e-9)
        #expect(abs(forecast.trendRPSPerSecond) < 1e-12)
        #expect(forecast.seasonalChangeRPS == nil)
        #expect(abs(forecast.bandRPS - 2) < 1e-9)
        #expect(abs(forecast.provisionRPS - 102) < 1e-9)
        #expect(forecast.latestRPS == 100)
        #expect(forecast.explanation.contains { $0.contains("no time-of-day profile") })
    }

    @Test("a rising trace is extrapolated over the horizon")
    func trend() {
        // 100 rps rising by 1 rps a minute.
        let forecast = forecaster.forecast(samples(through: 3600) { 100 + $0 / 60 }, at: Date(timeIntervalSince1970: 3600), horizonSeconds: 600)
        #expect(abs(forecast.levelRPS - 160) < 1e-6)
        #expect(abs(forecast.trendRPSPerSecond * 60 - 1) < 1e-9)
        #expect(abs(forecast.expectedRPS - 170) < 1e-6)
        #expect(forecast.provisionRPS >= 170)
    }

    @Test("a burst of reports seconds apart: the newest is the level, with no trend")
    func burst() {
        let burst = [80.0, 80, 80, 1_000, 1_000].enumerated().map { index, rps in
            DemandSample(model: "m", observedAt: Date(timeIntervalSince1970: 1_000 + Double(index) * 2), rps: rps, source: "operator")
        }
        let forecast = forecaster.forecast(burst, at: Date(timeIntervalSince1970: 1_010), horizonSeconds: 720)
        #expect(forecast.trendRPSPerSecond == 0)
        #expect(forecast.latestRPS == 1_000)
        #expect(forecast.levelRPS == 1_000)
        #expect(forecast.provisionRPS >= 1_000 && forecast.provisionRPS < 1_100)
    }

    @Test("samples after the forecast time are not read")
    func noFuture() {
        let all = samples(through: 7200) { $0 < 3600 ? 100 : 900 }
        let forecast = forecaster.forecast(all, at: Date(timeIntervalSince1970: 3000), horizonSeconds: 600)
        #expect(abs(forecast.levelRPS - 100) < 1e-9)
        #expect(forecast.sampleCount == 51)
    }

    @Test("after a day, the time-of-day profile joins the trend")
    func seasonality() {
        let wave: (Double) -> Double = { t in
            let phase = t.truncatingRemainder(dividingBy: 86_400)
            return phase >= 28_800 && phase < 36_000 ? 100 + (phase - 28_800) / 10 : 100
        }
        // One day later at 08:30: yesterday rose by 60 rps between 08:30 and 08:40.
        let now = 86_400 + 30_600.0
        let forecast = forecaster.forecast(samples(through: now, wave), at: Date(timeIntervalSince1970: now), horizonSeconds: 600)
        let seasonal = try? #require(forecast.seasonalChangeRPS)
        #expect(abs((seasonal ?? 0) - 60) < 1e-6)
        #expect(forecast.expectedRPS > forecast.levelRPS)
        #expect(forecast.explanation.contains { $0.contains("one season earlier") })
    }

    @Test("the band grows to the largest recent shortfall")
    func band() {
        // A step from 100 to 400 rps at 30 min: the forecast made a horizon before fell short by about 300.
        let now = 3600.0
        let forecast = forecaster.forecast(samples(through: now) { $0 < 1800 ? 100 : 400 }, at: Date(timeIntervalSince1970: now), horizonSeconds: 600)
        #expect(forecast.bandRPS >= 250)
        #expect(forecast.provisionRPS >= 400 + forecast.bandRPS - 1e-6)
    }

    @Test("no sample gives an empty forecast that says so")
    func empty() {
        let forecast = forecaster.forecast([], at: Date(timeIntervalSince1970: 0), horizonSeconds: 600)
        #expect(forecast.sampleCount == 0)
        #expect(forecast.provisionRPS == 0)
        #expect(forecast.explanation == ["no demand sample yet: nothing to forecast from"])
    }
}
