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
        var text = ""
        text.reserveCapacity(104)
        writeExplanation(finding, slo: slo, into: &text)
        return text
    }

    /// Appends the explanation to `text`: plans write it after a prefix of their own, in one string.
    func writeExplanation(_ finding: BreakingPointFinding, slo: ServiceLevelObjective, into text: inout String) {
        func writeRunName() {
            if let id = finding.runID {
                text += "run "
                text += String(id)
            } else if let position = finding.runPosition {
                text += "unsaved run #"
                text += String(position + 1)
            } else {
                text += "no run"
            }
        }
        switch finding.source {
        case .manual:
            text += "set by hand to "
            DecimalText.append(finding.breakingPointRPS ?? 0, to: &text)
            text += " rps"
        case .unrated:
            guard let constraint = finding.boundBy else {
                text += finding.runPosition == nil
                    ? "no manual breaking point and no benchmark run"
                    : "no benchmark run has a usable sample"
                return
            }
            text += "the lightest load of "
            writeRunName()
            text += ", the most recent, already broke the SLO ("
            text += constraint.rawValue
            text += ")"
        case .benchmark:
            DecimalText.append(finding.breakingPointRPS ?? 0, to: &text)
            text += " rps at sample "
            text += finding.sampleIndex.map(String.init) ?? "?"
            text += " of "
            writeRunName()
            text += ": "
            switch finding.boundBy {
            case .latency:
                text += "the next load broke "
                text += slo.latencyPercentile.rawValue
                text += " ≤ "
                DecimalText.append(slo.latencyThresholdMs, to: &text)
                text += " ms"
            case .errorRate:
                text += "the next load broke the error rate cap of "
                DecimalText.append(slo.maxErrorRate, places: 4, to: &text)
            case .utilization:
                text += "the next load broke the utilisation cap of "
                DecimalText.append(slo.maxUtilization, to: &text)
            case .plateau:
                text += "more load brought less than "
                DecimalText.append(plateauGain * 100, to: &text)
                text += " % more throughput"
            case .lastSample, nil:
                text += "every sample met the SLO, so this is a lower bound"
            }
        }
    }
}
