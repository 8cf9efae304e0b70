extension BreakingPointFinder {
    /// The finding as a `UnitRating`, with a sentence a person can read.
    func explain(_ finding: BreakingPointFinding, unit: String, slo: ServiceLevelObjective) -> UnitRating {
        UnitRating(
            unit: unit, breakingPointRPS: finding.breakingPointRPS, source: finding.source, boundBy: finding.boundBy,
            benchmarkRunID: finding.runID, sampleIndex: finding.sampleIndex,
            explanation: explanation(finding, slo: slo)
        )
    }

    func explanation(_ finding: BreakingPointFinding, slo: ServiceLevelObjective) -> String {
        let runName = finding.runID.map { "run \($0)" } ?? finding.runPosition.map { "unsaved run #\($0 + 1)" } ?? "no run"
        switch finding.source {
        case .manual:
            return "set by hand to \(DecimalText.format(finding.breakingPointRPS ?? 0)) rps"
        case .unrated:
            guard let constraint = finding.boundBy else {
                return finding.runPosition == nil
                    ? "no manual breaking point and no benchmark run"
                    : "no benchmark run has a usable sample"
            }
            return "the lightest load of \(runName), the most recent, already broke the SLO (\(constraint.rawValue))"
        case .benchmark:
            let why: String
            switch finding.boundBy {
            case .latency: why = "the next load broke \(slo.latencyPercentile.rawValue) ≤ \(DecimalText.format(slo.latencyThresholdMs)) ms"
            case .errorRate: why = "the next load broke the error rate cap of \(DecimalText.format(slo.maxErrorRate, places: 4))"
            case .utilization: why = "the next load broke the utilisation cap of \(DecimalText.format(slo.maxUtilization))"
            case .plateau: why = "more load brought less than \(DecimalText.format(plateauGain * 100)) % more throughput"
            case .lastSample, nil: why = "every sample met the SLO, so this is a lower bound"
            }
            let sample = finding.sampleIndex.map(String.init) ?? "?"
            return "\(DecimalText.format(finding.breakingPointRPS ?? 0)) rps at sample \(sample) of \(runName): \(why)"
        }
    }
}
