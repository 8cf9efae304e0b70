/// Renders a replay report as an SVG timeline: one panel per strategy with served load per unit
/// stacked, dropped load on top in red, the demand line, the weights in force as a strip below, the
/// nodes paid for per unit with the hourly cost over them in a second strip, shortage windows shaded and
/// switches marked (labelled when there are few).
public struct ReplaySVGRenderer: Sendable {
    public var width: Double
    public var panelHeight: Double

    public init(width: Double = 1200, panelHeight: Double = 262) {
        self.width = width
        self.panelHeight = panelHeight
    }

    static let palette = ["#2a9d8f", "#e9c46a", "#264653", "#8ab17d", "#6d597a", "#457b9d", "#bc6c25", "#90be6d"]
    static let droppedColor = "#d62828"
    private let left = 70.0, right = 20.0, header = 78.0
    private let chartHeight = 128.0, stripHeight = 22.0, nodesHeight = 44.0
    /// Switches beyond this many in one panel are marked without labels, which would overlap.
    private let labelledSwitches = 12

    public func render(_ report: ReplayReport) -> String {
        let height = header + Double(report.results.count) * panelHeight + 10
        var svg = SVGText()
        svg.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "width": n(width), "height": n(height),
                         "viewBox": "0 0 \(n(width)) \(n(height))", "font-family": "Helvetica, Arial, sans-serif"])
        svg.element("rect", ["x": "0", "y": "0", "width": n(width), "height": n(height), "fill": "#ffffff"])
        svg.text(left, 24, "Replay \(report.scenario): model \(report.model), "
            + "\(ReplayNumber.text(report.durationSeconds / 3600, decimals: 1)) h", size: 16, weight: "bold")
        legend(&svg, report)
        let yMax = Self.niceCeiling(report.results.flatMap(\.series).map { $0.demandRPS }.max() ?? 1)
        let scales = StripScales(
            nodes: Double(max(report.results.flatMap(\.series).map { $0.nodes.reduce(0, +) }.max() ?? 1, 1)),
            hourlyUSD: max(report.results.flatMap(\.series).map(\.hourlyCostUSD).max() ?? 1, 1e-9)
        )
        for (index, result) in report.results.enumerated() {
            panel(&svg, report, result, top: header + Double(index) * panelHeight, yMax: yMax, scales: scales)
        }
        svg.close("svg")
        return svg.output
    }

    private var plotWidth: Double { width - left - right }

    private func x(_ t: Double, _ report: ReplayReport) -> Double {
        left + plotWidth * min(max(t / report.durationSeconds, 0), 1)
    }

    private func legend(_ svg: inout SVGText, _ report: ReplayReport) {
        var cursor = left
        let y = 48.0
        func item(_ label: String, swatch: (inout SVGText) -> Void) {
            swatch(&svg)
            svg.text(cursor + 18, y + 9, label, size: 11)
            cursor += 30 + Double(label.count) * 6.6
        }
        for (index, unit) in report.units.enumerated() {
            item(unit.name) { $0.element("rect", ["x": n(cursor), "y": n(y), "width": "12", "height": "10", "fill": Self.color(index)]) }
        }
        item("dropped") { $0.element("rect", ["x": n(cursor), "y": n(y), "width": "12", "height": "10", "fill": Self.droppedColor]) }
        item("demand") { $0.element("line", ["x1": n(cursor), "y1": n(y + 5), "x2": n(cursor + 12), "y2": n(y + 5), "stroke": "#000000", "stroke-width": "1.5"]) }
        item("shortage") { $0.element("rect", ["x": n(cursor), "y": n(y), "width": "12", "height": "10", "fill": "#f4a261", "fill-opacity": "0.35"]) }
        item("switch") { $0.element("line", ["x1": n(cursor + 6), "y1": n(y - 2), "x2": n(cursor + 6), "y2": n(y + 12), "stroke": "#111111", "stroke-dasharray": "3,2"]) }
        svg.text(left, y + 26, "upper chart: served load per unit (rps), dropped on top; strips below: ALB weights in force (%), "
            + "nodes paid for per unit with the hourly cost over them (line)", size: 10, fill: "#555555")
    }

    private func panel(
        _ svg: inout SVGText, _ report: ReplayReport, _ result: StrategyResult, top: Double, yMax: Double, scales: StripScales
    ) {
        let chartTop = top + 22, stripTop = chartTop + chartHeight + 8, nodesTop = stripTop + stripHeight + 6
        let ratio = result.costRatioToOracle.map { " (\(ReplayNumber.text($0, decimals: 2))× oracle)" } ?? ""
        svg.text(left, top + 14, result.strategy.label, size: 13, weight: "bold")
        svg.text(left + 170, top + 14, "\(ReplayNumber.usd(result.totalCostUSD))\(ratio) · "
            + "\(ReplayNumber.text(result.servedWithinSLOShare * 100, decimals: 2)) % served in SLO · "
            + "\(ReplayNumber.count(result.droppedRequests)) requests dropped · \(result.switchCount) switches", size: 12)
        svg.element("rect", ["x": n(left), "y": n(chartTop), "width": n(plotWidth), "height": n(chartHeight), "fill": "#fafafa", "stroke": "#cccccc"])
        func y(_ rps: Double) -> Double { chartTop + chartHeight * (1 - min(rps / yMax, 1)) }

        for step in 0...4 {
            let value = yMax * Double(step) / 4
            svg.element("line", ["x1": n(left), "y1": n(y(value)), "x2": n(left + plotWidth), "y2": n(y(value)), "stroke": "#e5e5e5"])
            svg.text(left - 6, y(value) + 4, ReplayNumber.text(value, decimals: 0), size: 10, anchor: "end", fill: "#444444")
        }
        svg.text(14, chartTop + chartHeight / 2, "rps", size: 10, fill: "#444444")
        for window in report.capacityWindows {
            let x0 = x(window.from, report), x1 = x(window.to, report)
            svg.element("rect", ["x": n(x0), "y": n(chartTop), "width": n(max(x1 - x0, 1)), "height": n(nodesTop + nodesHeight - chartTop), "fill": "#f4a261", "fill-opacity": "0.3"])
            svg.text(x0 + 6, chartTop + 11, "\(window.pool) short", size: 10, fill: "#9c4a00")
        }

        let series = result.series
        let mid = series.map { x($0.t + report.seriesIntervalSeconds / 2, report) }
        var lower = [Double](repeating: 0, count: series.count)
        let layers = report.units.indices.map { unit in series.map { $0.servedRPS[unit] } } + [series.map(\.droppedRPS)]
        for (index, layer) in layers.enumerated() {
            let upper = zip(lower, layer).map { $0 + $1 }
            let points = zip(mid, upper).map { (x: $0, y: y($1)) } + zip(mid, lower).reversed().map { (x: $0, y: y($1)) }
            let color = index < report.units.count ? Self.color(index) : Self.droppedColor
            svg.element("polygon", ["points": Self.points(points), "fill": color, "fill-opacity": "0.9"])
            lower = upper
        }
        svg.element("polyline", ["points": Self.points(zip(mid, series).map { (x: $0, y: y($1.demandRPS)) }), "fill": "none", "stroke": "#000000", "stroke-width": "1.2"])

        var weightBase = [Double](repeating: 0, count: series.count)
        for unit in report.units.indices {
            let shares = series.map { point -> Double in
                let total = point.weights.reduce(0, +)
                return total > 0 ? Double(point.weights[unit]) / Double(total) : 0
            }
            let upper = zip(weightBase, shares).map { $0 + $1 }
            func ys(_ share: Double) -> Double { stripTop + stripHeight * (1 - share) }
            let points = zip(mid, upper).map { (x: $0, y: ys($1)) } + zip(mid, weightBase).reversed().map { (x: $0, y: ys($1)) }
            svg.element("polygon", ["points": Self.points(points), "fill": Self.color(unit)])
            weightBase = upper
        }
        svg.element("rect", ["x": n(left), "y": n(stripTop), "width": n(plotWidth), "height": n(stripHeight), "fill": "none", "stroke": "#cccccc"])
        svg.text(left - 6, stripTop + 15, "weights", size: 9, anchor: "end", fill: "#444444")
        svg.text(left + plotWidth, stripTop - 1, "weights in force", size: 8, anchor: "end", fill: "#777777")

        nodesStrip(&svg, report, series, mid: mid, top: nodesTop, scales: scales)

        let labelled = result.switches.count <= labelledSwitches
        for change in result.switches {
            let sx = x(change.t, report)
            svg.element("line", ["x1": n(sx), "y1": n(chartTop), "x2": n(sx), "y2": n(nodesTop + nodesHeight), "stroke": "#111111", "stroke-width": labelled ? "1.2" : "0.5", "stroke-dasharray": "4,3", "class": "switch"])
            if labelled { svg.text(sx + 3, chartTop + 24, "→ \(change.to) \(ReplayClockText.text(change.t))", size: 10, fill: "#111111") }
        }
        axis(&svg, report, y: nodesTop + nodesHeight)
    }

    /// The common scales of the nodes strips, so strategies compare at a glance.
    private struct StripScales {
        var nodes: Double
        var hourlyUSD: Double
    }

    /// Nodes paid for per unit, stacked, and the hourly cost as a line over them.
    private func nodesStrip(
        _ svg: inout SVGText, _ report: ReplayReport, _ series: [ReplaySeriesPoint], mid: [Double], top: Double, scales: StripScales
    ) {
        func yNodes(_ count: Double) -> Double { top + nodesHeight * (1 - min(count / scales.nodes, 1)) }
        var base = [Double](repeating: 0, count: series.count)
        for unit in report.units.indices {
            let upper = zip(base, series).map { $0 + Double($1.nodes[unit]) }
            let points = zip(mid, upper).map { (x: $0, y: yNodes($1)) } + zip(mid, base).reversed().map { (x: $0, y: yNodes($1)) }
            svg.element("polygon", ["points": Self.points(points), "fill": Self.color(unit), "fill-opacity": "0.75"])
            base = upper
        }
        let cost = zip(mid, series).map { (x: $0, y: top + nodesHeight * (1 - min($1.hourlyCostUSD / scales.hourlyUSD, 1))) }
        svg.element("polyline", ["points": Self.points(cost), "fill": "none", "stroke": "#000000", "stroke-width": "1", "class": "hourly-cost"])
        svg.element("rect", ["x": n(left), "y": n(top), "width": n(plotWidth), "height": n(nodesHeight), "fill": "none", "stroke": "#cccccc"])
        svg.text(left - 6, top + 12, "nodes", size: 9, anchor: "end", fill: "#444444")
        svg.text(left - 6, top + 24, "(max \(ReplayNumber.text(scales.nodes, decimals: 0)))", size: 8, anchor: "end", fill: "#777777")
        svg.text(left + plotWidth, top - 1, "nodes per unit; line: $/h (top = \(ReplayNumber.usd(scales.hourlyUSD))/h)", size: 8, anchor: "end", fill: "#777777")
    }

    private func axis(_ svg: inout SVGText, _ report: ReplayReport, y: Double) {
        let hours = report.durationSeconds / 3600
        let every = hours <= 12 ? 1.0 : hours <= 72 ? 6.0 : 24.0
        var hour = 0.0
        while hour <= hours + 1e-9 {
            let tx = x(hour * 3600, report)
            svg.element("line", ["x1": n(tx), "y1": n(y), "x2": n(tx), "y2": n(y + 4), "stroke": "#444444"])
            svg.text(tx, y + 15, ReplayClockText.text(hour * 3600), size: 10, anchor: "middle", fill: "#444444")
            hour += every
        }
    }

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        while magnitude > value { magnitude /= 10 }
        for factor in [1.0, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where magnitude * factor >= value {
            return magnitude * factor
        }
        return magnitude * 10
    }

    /// Polygon or polyline points; a point between two at the same height adds nothing and is left out.
    private static func points(_ points: [(x: Double, y: Double)]) -> String {
        let kept = points.indices.filter { index in
            index == 0 || index == points.count - 1
                || !(points[index - 1].y == points[index].y && points[index + 1].y == points[index].y)
        }.map { points[$0] }
        return kept.map { "\(ReplayNumber.text($0.x, decimals: 1)),\(ReplayNumber.text($0.y, decimals: 1))" }.joined(separator: " ")
    }

    private func n(_ value: Double) -> String { ReplayNumber.text(value, decimals: 1) }
}
