import Foundation
import Testing
@testable import SwitchyardCore

@Suite("Replay demand traces")
struct ReplayTraceTests {
    @Test("CSV with a header, comments and blank lines parses, and interpolates between points")
    func parsesCSV() throws {
        let trace = try DemandTrace.parseCSV("seconds,rps\n# night\n0,100\n\n600, 200\r\n1200,50\n")
        #expect(trace.points == [DemandPoint(t: 0, rps: 100), DemandPoint(t: 600, rps: 200), DemandPoint(t: 1200, rps: 50)])
        #expect(trace.rps(at: 300) == 150)
        #expect(trace.rps(at: 900) == 125)
        #expect(trace.rps(at: -5) == 100)
        #expect(trace.rps(at: 5000) == 50)
        #expect(try DemandTrace.parseCSV(trace.csv) == trace)
    }

    @Test("malformed CSV is rejected with the line that is wrong", arguments: [
        ("0,1\n5\n", ReplayError.malformedTraceLine(line: 2, text: "5")),
        ("0,1\n0,2\n", ReplayError.traceTimeNotIncreasing(line: 2)),
        ("0,-1\n", ReplayError.invalidDemand(line: 1)),
        ("0,nan\n", ReplayError.invalidDemand(line: 1)),
        ("seconds,rps\n", ReplayError.emptyTrace),
        ("0,1\nx,2\n", ReplayError.malformedTraceLine(line: 2, text: "x,2")),
    ])
    func rejectsMalformedCSV(text: String, expected: ReplayError) {
        #expect(throws: expected) { try DemandTrace.parseCSV(text) }
    }

    @Test("a diurnal wave is at its base outside the wave and at its peak halfway")
    func diurnalWave() {
        let wave = DemandPattern.diurnal(baseRPS: 80, peakRPS: 1000, riseAt: 8 * 3600, fallAt: 22 * 3600)
        let trace = DemandTrace.generate([wave], duration: 2 * 86_400, interval: 60)
        #expect(trace.rps(at: 3 * 3600) == 80)
        #expect(abs(trace.rps(at: 15 * 3600) - 1000) < 1e-9)
        #expect(abs(trace.rps(at: 86_400 + 15 * 3600) - 1000) < 1e-9)
        #expect(trace.rps(at: 11 * 3600) > 80 && trace.rps(at: 11 * 3600) < 1000)
    }

    @Test("ramps and spikes add up; seeded noise repeats for a seed and differs across seeds")
    func patternsAndNoise() {
        let base: [DemandPattern] = [.ramp(fromRPS: 0, toRPS: 100, start: 0, end: 100), .spike(at: 50, duration: 10, extraRPS: 40)]
        let plain = DemandTrace.generate(base, duration: 100, interval: 10)
        #expect(plain.rps(at: 50) == 90)
        #expect(plain.rps(at: 70) == 70)
        let noisy = DemandTrace.generate(base + [.noise(fraction: 0.1, seed: 7)], duration: 100, interval: 10)
        let again = DemandTrace.generate(base + [.noise(fraction: 0.1, seed: 7)], duration: 100, interval: 10)
        let other = DemandTrace.generate(base + [.noise(fraction: 0.1, seed: 8)], duration: 100, interval: 10)
        #expect(noisy == again)
        #expect(noisy != other)
        for (point, reference) in zip(noisy.points, plain.points) {
            #expect(abs(point.rps - reference.rps) <= reference.rps * 0.1 + 1e-9)
        }
    }
}
