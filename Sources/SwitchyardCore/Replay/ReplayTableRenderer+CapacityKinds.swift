extension ReplayTableRenderer {
    /// Savings against all on-demand, spot interruptions and reserved capacity per strategy, as a table; empty when
    /// the replay compared nothing with all on-demand.
    public func renderCapacityKinds(_ report: ReplayReport) -> String {
        let compared = report.results.filter { $0.allOnDemandCostUSD != nil }
        guard !compared.isEmpty else { return "" }
        let reserved = compared.contains { $0.reservedBusyShare != nil }
        var header = ["strategy", "total cost", "all on-demand", "saved", "served in SLO", "interruptions",
                      "dropped in interruptions"]
        if reserved { header += ["reserved busy", "paid node-h, reservation idle"] }
        var rows: [[String]] = [header]
        for result in compared {
            var row = [
                result.strategy.label,
                ReplayNumber.usd(result.totalCostUSD),
                result.allOnDemandCostUSD.map(ReplayNumber.usd) ?? "-",
                result.savingsVsAllOnDemand.map { ReplayNumber.text($0 * 100, decimals: 1) + " %" } ?? "-",
                ReplayNumber.text(result.servedWithinSLOShare * 100, decimals: 3) + " %",
                String(result.spotInterruptions ?? 0),
                ReplayNumber.count(result.droppedDuringInterruptionsRequests ?? 0),
            ]
            if reserved {
                row.append(result.reservedBusyShare.map { ReplayNumber.text($0 * 100, decimals: 1) + " %" } ?? "-")
                row.append(result.paidNodeHoursWithReservationIdle.map { ReplayNumber.text($0, decimals: 2) } ?? "-")
            }
            rows.append(row)
        }
        return table(rows)
    }

    /// Whether each strategy meets the spot goal: at least `savings` cheaper than itself all on-demand with at least
    /// `served` of demand served in the SLO. With reserved units the goal is the reservation's instead: no node paid
    /// by the hour while a reserved instance is idle, with `served` of demand served in the SLO; the savings are then
    /// printed beside it, since the reservation's sunk cost is counted all along.
    public func renderSpotGoal(_ report: ReplayReport, savings: Double = 0.4, served: Double = 0.999) -> String {
        var lines: [String] = []
        for result in report.results {
            guard let saved = result.savingsVsAllOnDemand else { continue }
            let savedText = "\(ReplayNumber.text(saved * 100, decimals: 1)) % cheaper than all on-demand"
            let servedText = "\(ReplayNumber.text(result.servedWithinSLOShare * 100, decimals: 3)) % served in SLO (>= "
                + "\(ReplayNumber.text(served * 100, decimals: 1)) %)"
            let servedMet = result.servedWithinSLOShare >= served
            let line: String
            if let idle = result.paidNodeHoursWithReservationIdle {
                let busy = idle == 0
                    ? "yes" : "no, \(ReplayNumber.text(idle, decimals: 2)) paid node-hours with one idle"
                line = "goal \(report.scenario), \(result.strategy.label): reserved instances busy before any other "
                    + "node is paid: \(busy), \(servedText): " + (idle == 0 && servedMet ? "met" : "not met")
                    + " (\(savedText), the reservation's sunk cost counted)"
            } else {
                line = "goal \(report.scenario), \(result.strategy.label): \(savedText) (>= "
                    + "\(ReplayNumber.text(savings * 100, decimals: 0)) %), \(servedText): "
                    + (saved >= savings && servedMet ? "met" : "not met")
            }
            lines.append(line)
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
