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
        explain(find(unit: unit, model: model, runs: runs), unit: unit.name, slo: model.slo)
    }

    /// The rating without its explanation, which the planner only needs for the units it reports on.
    func find(unit: DeploymentUnit, model: ServedModel, runs: [BenchmarkRun]) -> BreakingPointFinding {
        if let manual = unit.manualBreakingPointRPS, manual.isFinite, manual > 0 {
            return BreakingPointFinding(breakingPointRPS: manual, source: .manual)
        }
        // Most units have one run: rated without sorting anything.
        if runs.count == 1 {
            guard runs[0].unit == unit.name else { return BreakingPointFinding(breakingPointRPS: nil, source: .unrated) }
            return finding(runs[0], position: 0, slo: model.slo)
        }
        var mostRecentFailure: BreakingPointFinding?
        for position in runsMostRecentFirst(runs, unit: unit.name) {
            let finding = finding(runs[position], position: position, slo: model.slo)
            if finding.breakingPointRPS != nil { return finding }
            if mostRecentFailure == nil { mostRecentFailure = finding }
        }
        return mostRecentFailure ?? BreakingPointFinding(breakingPointRPS: nil, source: .unrated)
    }

    private func finding(_ run: BenchmarkRun, position: Int, slo: ServiceLevelObjective) -> BreakingPointFinding {
        let outcome = rate(samples: run.samples, slo: slo)
        return BreakingPointFinding(
            breakingPointRPS: outcome.breakingPointRPS, source: outcome.breakingPointRPS == nil ? .unrated : .benchmark,
            boundBy: outcome.boundBy, runID: run.id, runPosition: position, sampleIndex: outcome.sampleIndex
        )
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
        rate(samples: run.samples, slo: slo)
    }

    private func rate(samples: [BenchmarkSample], slo: ServiceLevelObjective) -> RunOutcome {
        var best: Int?
        // One step of the walk: the outcome when the walk ends at `index`, nil to go on.
        func step(_ index: Int) -> RunOutcome? {
            let sample = samples[index]
            guard Self.isMeasurement(sample) else { return nil }
            if let broken = brokenConstraint(sample, slo: slo) {
                guard let best else { return RunOutcome(breakingPointRPS: nil, sampleIndex: index, boundBy: broken) }
                return RunOutcome(breakingPointRPS: samples[best].throughputRPS, sampleIndex: best, boundBy: broken)
            }
            if let previous = best {
                let before = samples[previous]
                if sample.offeredRPS > before.offeredRPS,
                   sample.throughputRPS < before.throughputRPS * (1 + plateauGain) {
                    return RunOutcome(breakingPointRPS: before.throughputRPS, sampleIndex: previous, boundBy: .plateau)
                }
                // Equal offered load is a repeat measurement: keep the better one.
                if sample.throughputRPS <= before.throughputRPS { return nil }
            }
            best = index
            return nil
        }
        if let order = Self.sortedOrder(samples) {
            for index in order { if let outcome = step(index) { return outcome } }
        } else {
            for index in samples.indices { if let outcome = step(index) { return outcome } }
        }
        guard let best else { return RunOutcome(breakingPointRPS: nil, sampleIndex: nil, boundBy: nil) }
        return RunOutcome(breakingPointRPS: samples[best].throughputRPS, sampleIndex: best, boundBy: .lastSample)
    }

    /// Sample indices by increasing offered load, ties in recorded order; nil when the run is recorded in that
    /// order already, as runs usually are, which is checked before paying for a sort.
    private static func sortedOrder(_ samples: [BenchmarkSample]) -> [Int]? {
        var inOrder = true
        var highest = -Double.infinity
        for sample in samples where !sample.offeredRPS.isNaN {
            if sample.offeredRPS < highest {
                inOrder = false
                break
            }
            highest = sample.offeredRPS
        }
        if inOrder { return nil }
        return samples.indices.sorted { lhs, rhs in
            let a = samples[lhs].offeredRPS, b = samples[rhs].offeredRPS
            // Non-finite loads are skipped later; ordering them last keeps the sort well defined.
            if a.isNaN || b.isNaN { return !a.isNaN && b.isNaN || (a.isNaN && b.isNaN && lhs < rhs) }
            return a != b ? a < b : lhs < rhs
        }
    }

    private static func isMeasurement(_ sample: BenchmarkSample) -> Bool {
        sample.offeredRPS.isFinite && sample.offeredRPS >= 0 && sample.throughputRPS.isFinite && sample.throughputRPS > 0
            && sample.p50Ms.isFinite && sample.p95Ms.isFinite && sample.p99Ms.isFinite
            && sample.errorRate.isFinite && sample.utilization.isFinite
    }

    private func brokenConstraint(_ sample: BenchmarkSample, slo: ServiceLevelObjective) -> RatingConstraint? {
        // Written as negated "within" checks so that a NaN bound counts as broken rather than as met.
        if !(sample.latencyMs(at: slo.latencyPercentile) <= slo.latencyThresholdMs) { return .latency }
        if !(sample.errorRate <= slo.maxErrorRate) { return .errorRate }
        if !(sample.utilization <= slo.maxUtilization) { return .utilization }
        return nil
    }

    /// Positions in `runs` of the unit's runs, most recent first.
    private func runsMostRecentFirst(_ runs: [BenchmarkRun], unit: String) -> [Int] {
        runs.indices
            .filter { runs[$0].unit == unit }
            .sorted { lhs, rhs in
                switch (runs[lhs].id, runs[rhs].id) {
                case let (a?, b?) where a != b: a > b
                case (nil, _?): true
                case (_?, nil): false
                default: lhs > rhs
                }
            }
    }
}

/// A rating before it is put into words.
struct BreakingPointFinding: Sendable, Equatable {
    var breakingPointRPS: Double?
    var source: RatingSource
    var boundBy: RatingConstraint?
    var runID: Int64?
    /// Position of the run in the list it came from, to name runs that have no id yet.
    var runPosition: Int?
    var sampleIndex: Int?

    var isRated: Bool { breakingPointRPS.map { $0.isFinite && $0 > 0 } ?? false }
}
