import Testing
import SwitchyardCore

@Suite("Breaking point finder")
struct BreakingPointFinderTests {
    let finder = BreakingPointFinder()
    let model = PlannerFixtures.model()

    func sample(_ offered: Double, _ throughput: Double, p95: Double, errors: Double = 0, utilization: Double = 0.5) -> BenchmarkSample {
        BenchmarkSample(offeredRPS: offered, throughputRPS: throughput, p50Ms: p95 * 0.8, p95Ms: p95, p99Ms: p95 * 1.2,
                        errorRate: errors, utilization: utilization)
    }

    func unit(manual: Double? = nil) -> DeploymentUnit {
        PlannerFixtures.unit("u", type: "t", breakingPoint: manual)
    }

    @Test("The binding constraint is the first one the next sample breaks", arguments: [
        (BenchmarkSample(offeredRPS: 60, throughputRPS: 58, p50Ms: 800, p95Ms: 950, p99Ms: 1100), RatingConstraint.latency),
        (BenchmarkSample(offeredRPS: 60, throughputRPS: 58, p50Ms: 400, p95Ms: 500, p99Ms: 600, errorRate: 0.05), .errorRate),
        (BenchmarkSample(offeredRPS: 60, throughputRPS: 58, p50Ms: 400, p95Ms: 500, p99Ms: 600, utilization: 0.95), .utilization),
        (BenchmarkSample(offeredRPS: 60, throughputRPS: 41, p50Ms: 400, p95Ms: 500, p99Ms: 600), .plateau),
        (BenchmarkSample(offeredRPS: 60, throughputRPS: 58, p50Ms: 400, p95Ms: 500, p99Ms: 600), .lastSample),
    ])
    func bindingConstraint(next: BenchmarkSample, expected: RatingConstraint) {
        let run = BenchmarkRun(unit: "u", samples: [sample(20, 20, p95: 400), sample(40, 40, p95: 500), next])
        let rating = finder.rate(unit: unit(), model: model, runs: [run])
        #expect(rating.boundBy == expected)
        #expect(rating.source == .benchmark)
        if expected == .lastSample {
            #expect(rating.breakingPointRPS == 58)
            #expect(rating.sampleIndex == 2)
        } else {
            #expect(rating.breakingPointRPS == 40)
            #expect(rating.sampleIndex == 1)
        }
    }

    @Test("A manual breaking point wins over benchmarks")
    func manualWins() {
        let run = BenchmarkRun(unit: "u", samples: [sample(20, 20, p95: 400)])
        let rating = finder.rate(unit: unit(manual: 77), model: model, runs: [run])
        #expect(rating.breakingPointRPS == 77)
        #expect(rating.source == .manual)
        #expect(rating.benchmarkRunID == nil)
    }

    @Test("A manual breaking point that is not positive and finite is ignored", arguments: [0.0, -5, .nan, .infinity])
    func invalidManualIgnored(manual: Double) {
        let run = BenchmarkRun(unit: "u", samples: [sample(20, 20, p95: 400)])
        #expect(finder.rate(unit: unit(manual: manual), model: model, runs: [run]).breakingPointRPS == 20)
        let alone = finder.rate(unit: unit(manual: manual), model: model, runs: [])
        #expect(alone.source == .unrated)
        #expect(alone.breakingPointRPS == nil)
        #expect(!alone.isRated)
    }

    @Test("Without runs or a manual value the unit is unrated")
    func unrated() {
        let rating = finder.rate(unit: unit(), model: model, runs: [])
        #expect(rating.source == .unrated)
        #expect(rating.breakingPointRPS == nil)
        #expect(rating.boundBy == nil)
        #expect(!rating.explanation.isEmpty)
    }

    @Test("A first sample already outside the SLO leaves the unit unrated and names that sample")
    func firstSampleOutOfSLO() {
        let run = BenchmarkRun(id: 4, unit: "u", samples: [sample(40, 40, p95: 500), sample(10, 10, p95: 1200)])
        let rating = finder.rate(unit: unit(), model: model, runs: [run])
        #expect(rating.source == .unrated)
        #expect(rating.breakingPointRPS == nil)
        #expect(rating.boundBy == .latency)
        #expect(rating.benchmarkRunID == 4)
        #expect(rating.sampleIndex == 1)
    }

    @Test("Unsorted samples rate as if sorted by offered load; the index points into the run as given")
    func unsortedSamples() {
        let sorted = [sample(10, 10, p95: 300), sample(30, 30, p95: 500), sample(50, 48, p95: 800), sample(70, 60, p95: 1000)]
        let shuffled = [sorted[2], sorted[0], sorted[3], sorted[1]]
        let a = finder.rate(unit: unit(), model: model, runs: [BenchmarkRun(unit: "u", samples: sorted)])
        let b = finder.rate(unit: unit(), model: model, runs: [BenchmarkRun(unit: "u", samples: shuffled)])
        #expect(a.breakingPointRPS == 48)
        #expect(b.breakingPointRPS == 48)
        #expect(a.boundBy == .latency && b.boundBy == .latency)
        #expect(a.sampleIndex == 2)
        #expect(b.sampleIndex == 0)
    }

    @Test("Zero, negative and non-finite measurements are skipped, never rated")
    func junkSamplesSkipped() {
        let run = BenchmarkRun(unit: "u", samples: [
            sample(5, 0, p95: 100), sample(10, 10, p95: 300), sample(15, -4, p95: 300),
            sample(20, .nan, p95: 300), sample(25, 25, p95: .infinity), sample(30, 30, p95: 400),
        ])
        let rating = finder.rate(unit: unit(), model: model, runs: [run])
        #expect(rating.breakingPointRPS == 30)
        #expect(rating.sampleIndex == 5)
        #expect(rating.boundBy == .lastSample)
        let onlyJunk = BenchmarkRun(unit: "u", samples: [sample(5, 0, p95: 100), sample(10, .infinity, p95: 100)])
        let none = finder.rate(unit: unit(), model: model, runs: [onlyJunk])
        #expect(none.source == .unrated)
        #expect(none.breakingPointRPS == nil)
    }

    @Test("The most recent run that yields a rating wins")
    func runsCombine() {
        let old = BenchmarkRun(id: 1, unit: "u", samples: [sample(10, 10, p95: 300), sample(20, 20, p95: 400)])
        let newer = BenchmarkRun(id: 7, unit: "u", samples: [sample(10, 10, p95: 300), sample(30, 30, p95: 400)])
        let newestBroken = BenchmarkRun(id: 9, unit: "u", samples: [sample(10, 10, p95: 2000)])
        let rating = finder.rate(unit: unit(), model: model, runs: [newer, newestBroken, old])
        #expect(rating.breakingPointRPS == 30)
        #expect(rating.benchmarkRunID == 7)
        let unsaved = BenchmarkRun(unit: "u", samples: [sample(12, 12, p95: 300)])
        #expect(finder.rate(unit: unit(), model: model, runs: [newer, unsaved]).breakingPointRPS == 12)
        let otherUnit = BenchmarkRun(id: 99, unit: "other", samples: [sample(90, 90, p95: 300)])
        #expect(finder.rate(unit: unit(), model: model, runs: [old, otherUnit]).breakingPointRPS == 20)
    }

    @Test("The model's latency percentile is the one checked")
    func percentile() {
        var strict = model
        strict.slo.latencyPercentile = .p99
        let run = BenchmarkRun(unit: "u", samples: [sample(10, 10, p95: 600), sample(20, 20, p95: 800)])
        // p99 is 1.2 × p95: 960 ms breaks 900 ms at the second sample, while p95 does not.
        #expect(finder.rate(unit: unit(), model: strict, runs: [run]).breakingPointRPS == 10)
        #expect(finder.rate(unit: unit(), model: model, runs: [run]).breakingPointRPS == 20)
    }

    @Test("A plateau rates at the sample where it began")
    func plateau() {
        let run = BenchmarkRun(unit: "u", samples: [
            sample(20, 20, p95: 300), sample(40, 40, p95: 400), sample(60, 41.9, p95: 500), sample(80, 80, p95: 600),
        ])
        let rating = finder.rate(unit: unit(), model: model, runs: [run])
        #expect(rating.breakingPointRPS == 40)
        #expect(rating.boundBy == .plateau)
        #expect(rating.sampleIndex == 1)
    }
}
