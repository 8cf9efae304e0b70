/// Finds a unit's breaking point: the highest throughput it sustains inside its model's SLO.
///
/// Rules, in order:
/// - A manual breaking point on the unit (finite and > 0) wins over any benchmark.
/// - Otherwise runs are tried most recent first and the first one that yields a breaking point wins.
///   Recency is the store's id (higher is newer); runs without an id have not been stored yet and count
///   as newer than every stored run, later in the array being newer. Runs measuring another unit are ignored.
/// - Within a run, samples are walked by increasing offered load (ties keep their recorded order), so
///   unsorted samples are rated as if sorted; `sampleIndex` always points into `run.samples` as given.
/// - Samples that cannot be a measurement (a non-finite field, negative offered load, zero or negative
///   throughput) are skipped: they neither rate nor break the walk.
/// - The walk stops at the first sample outside the SLO (latency at the model's percentile above the
///   threshold, then error rate above the maximum, then utilisation above the cap, checked in that order):
///   the breaking point is the highest throughput before it, bound by that constraint.
/// - A sample inside the SLO that brings less than `plateauGain` (5 %) more throughput than the previous
///   one, for more offered load, marks a plateau: the unit has saturated, and the breaking point is the
///   throughput where the plateau began (the previous sample), bound by `.plateau`. The few per cent a
///   saturated unit still gains are bought with queueing, not capacity.
/// - A run whose every sample is inside the SLO without a plateau rates at its highest throughput, bound
///   by `.lastSample` (a lower bound: the unit was never pushed to its limit).
/// - A run whose first measurement already breaks the SLO yields nothing. When no run yields anything
///   the unit is unrated: `breakingPointRPS` nil, source `.unrated`; when the most recent run failed at
///   its first sample, `boundBy`, `benchmarkRunID` and `sampleIndex` name that sample.
public struct BreakingPointFinder: Sendable {
    /// The relative throughput gain below which more offered load counts as a plateau.
    public var plateauGain: Double

    public init(plateauGain: Double = 0.05) {
        self.plateauGain = plateauGain
    }

    /// Rates a unit of a model from its manual breaking point or its benchmark runs.
    public func rate(unit: DeploymentUnit, model: ServedModel, runs: [BenchmarkRun]) -> UnitRating {
        if let manual = unit.manualBreakingPointRPS, manual.isFinite, manual > 0 {
            return UnitRating(
                unit: unit.name, breakingPointRPS: manual, source: .manual,
                explanation: "set by hand to \(DecimalText.format(manual)) rps"
            )
        }
        var mostRecentFailure: (outcome: RunOutcome, runID: Int64?)?
        for (run, position) in runsMostRecentFirst(runs, unit: unit.name) {
            let outcome = rate(run: run, slo: model.slo)
            if outcome.breakingPointRPS != nil {
                return rating(for: outcome, run: run, position: position, unit: unit.name, slo: model.slo)
            }
            if mostRecentFailure == nil { mostRecentFailure = (outcome, run.id) }
        }
        return unrated(unit: unit.name, failure: mostRecentFailure)
    }

    /// What one run says about a unit: the breaking point (nil when the run yields none), the sample that
    /// gave it, and the constraint that bound it.
    public struct RunOutcome: Sendable, Equatable {
        public var breakingPointRPS: Double?
        /// Index into `run.samples` of the sample that gave the breaking point, or of the first
        /// measurement when it already broke the SLO.
        public var sampleIndex: Int?
        public var boundBy: RatingConstraint?
    }

    /// Rates one run against an SLO.
    public func rate(run: BenchmarkRun, slo: ServiceLevelObjective) -> RunOutcome {
        let order = run.samples.indices
            .filter { Self.isMeasurement(run.samples[$0]) }
            .sorted { lhs, rhs in
                let a = run.samples[lhs].offeredRPS, b = run.samples[rhs].offeredRPS
                return a != b ? a < b : lhs < rhs
            }
        var best: Int?
        for index in order {
            let sample = run.samples[index]
            if let broken = brokenConstraint(sample, slo: slo) {
                guard let best else { return RunOutcome(breakingPointRPS: nil, sampleIndex: index, boundBy: broken) }
                return RunOutcome(breakingPointRPS: run.samples[best].throughputRPS, sampleIndex: best, boundBy: broken)
            }
            if let previous = best {
                let before = run.samples[previous]
                if sample.offeredRPS > before.offeredRPS,
                   sample.throughputRPS < before.throughputRPS * (1 + plateauGain) {
                    return RunOutcome(breakingPointRPS: before.throughputRPS, sampleIndex: previous, boundBy: .plateau)
                }
                // Equal offered load is a repeat measurement: keep the better one.
                if sample.throughputRPS <= before.throughputRPS { continue }
            }
            best = index
        }
        guard let best else { return RunOutcome(breakingPointRPS: nil, sampleIndex: nil, boundBy: nil) }
        return RunOutcome(breakingPointRPS: run.samples[best].throughputRPS, sampleIndex: best, boundBy: .lastSample)
    }

    private static func isMeasurement(_ sample: BenchmarkSample) -> Bool {
        let fields = [sample.offeredRPS, sample.throughputRPS, sample.p50Ms, sample.p95Ms, sample.p99Ms,
                      sample.errorRate, sample.utilization]
        return fields.allSatisfy(\.isFinite) && sample.offeredRPS >= 0 && sample.throughputRPS > 0
    }

    private func brokenConstraint(_ sample: BenchmarkSample, slo: ServiceLevelObjective) -> RatingConstraint? {
        // Written as negated "within" checks so that a NaN bound counts as broken rather than as met.
        if !(sample.latencyMs(at: slo.latencyPercentile) <= slo.latencyThresholdMs) { return .latency }
        if !(sample.errorRate <= slo.maxErrorRate) { return .errorRate }
        if !(sample.utilization <= slo.maxUtilization) { return .utilization }
        return nil
    }

    private func runsMostRecentFirst(_ runs: [BenchmarkRun], unit: String) -> [(BenchmarkRun, Int)] {
        runs.enumerated()
            .filter { $0.element.unit == unit }
            .sorted { lhs, rhs in
                switch (lhs.element.id, rhs.element.id) {
                case let (a?, b?) where a != b: a > b
                case (nil, _?): true
                case (_?, nil): false
                default: lhs.offset > rhs.offset
                }
            }
            .map { ($0.element, $0.offset) }
    }

    private func rating(
        for outcome: RunOutcome, run: BenchmarkRun, position: Int, unit: String, slo: ServiceLevelObjective
    ) -> UnitRating {
        let rps = outcome.breakingPointRPS ?? 0
        let runName = run.id.map { "run \($0)" } ?? "run #\(position + 1) (unsaved)"
        let sample = outcome.sampleIndex.map { "sample \($0)" } ?? "a sample"
        let why: String
        switch outcome.boundBy {
        case .latency: why = "the next load broke \(slo.latencyPercentile.rawValue) ≤ \(DecimalText.format(slo.latencyThresholdMs)) ms"
        case .errorRate: why = "the next load broke the error rate cap of \(DecimalText.format(slo.maxErrorRate))"
        case .utilization: why = "the next load broke the utilisation cap of \(DecimalText.format(slo.maxUtilization))"
        case .plateau: why = "more load brought less than \(DecimalText.format(plateauGain * 100)) % more throughput"
        case .lastSample, nil: why = "every sample met the SLO, so this is a lower bound"
        }
        return UnitRating(
            unit: unit, breakingPointRPS: rps, source: .benchmark, boundBy: outcome.boundBy,
            benchmarkRunID: run.id, sampleIndex: outcome.sampleIndex,
            explanation: "\(DecimalText.format(rps)) rps at \(sample) of \(runName): \(why)"
        )
    }

    private func unrated(unit: String, failure: (outcome: RunOutcome, runID: Int64?)?) -> UnitRating {
        guard let failure else {
            return UnitRating(
                unit: unit, breakingPointRPS: nil, source: .unrated,
                explanation: "no manual breaking point and no benchmark run"
            )
        }
        guard let constraint = failure.outcome.boundBy, let index = failure.outcome.sampleIndex else {
            return UnitRating(
                unit: unit, breakingPointRPS: nil, source: .unrated,
                explanation: "no benchmark run has a usable sample"
            )
        }
        return UnitRating(
            unit: unit, breakingPointRPS: nil, source: .unrated, boundBy: constraint,
            benchmarkRunID: failure.runID, sampleIndex: index,
            explanation: "the lightest load of the most recent run already broke the SLO (\(constraint.rawValue))"
        )
    }
}
