/// Renders a replay report as a plain-text table for a terminal.
public struct ReplayTableRenderer: Sendable {
    public init() {}

    public func render(_ report: ReplayReport) -> String {
        var lines: [String] = []
        let hours = ReplayNumber.text(report.durationSeconds / 3600, decimals: 1)
        lines.append("Replay \(report.scenario): model \(report.model), \(hours) h at \(ReplayNumber.text(report.stepSeconds)) s steps, "
            + "\(ReplayNumber.text(report.demandRequests / 1_000_000, decimals: 2)) M requests asked")
        for window in report.capacityWindows {
            let limit = window.nodeLimit.map { "limited to \($0) nodes" } ?? "no new nodes"
            lines.append("  \(window.pool) short \(ReplayClockText.text(window.from)) - \(ReplayClockText.text(window.to)) (\(limit))")
        }
        lines.append("")
        let header = ["strategy", "total cost", "$ / M inf", "served in SLO", "dropped req", "switches", "weight changes / day", "shortage -> switch", "x oracle", "x clairvoyant"]
        var rows: [[String]] = [header]
        let days = max(report.durationSeconds, report.stepSeconds)
        for result in report.results {
            let reactions = result.shortageToSwitchSeconds.map { $0.map(ReplayClockText.duration) ?? "-" }
            rows.append([
                result.strategy.label,
                ReplayNumber.usd(result.totalCostUSD),
                ReplayNumber.usd(result.costPerMillionInferencesUSD),
                ReplayNumber.text(result.servedWithinSLOShare * 100, decimals: 2) + " %",
                ReplayNumber.count(result.droppedRequests),
                String(result.switchCount),
                result.strategy.isBound ? "-" : ReplayNumber.text(Double(result.weightChanges) * 86_400 / days, decimals: 1),
                reactions.isEmpty ? "-" : reactions.joined(separator: ", "),
                result.costRatioToOracle.map { ReplayNumber.text($0, decimals: 3) } ?? "-",
                result.costRatioToClairvoyant.map { ReplayNumber.text($0, decimals: 3) } ?? "-",
            ])
        }
        return lines.joined(separator: "\n") + "\n" + table(rows)
    }

    /// Rows as aligned columns under a dashed rule: the first column left-aligned, the others right-aligned.
    func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            lines.append(cells.joined(separator: "  "))
            if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
