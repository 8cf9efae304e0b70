/// The compact text syntax for demand patterns, outages and durations that `switchyard replay` and
/// `POST /v1/replays` take.
///
/// - duration: `90s`, `30m`, `12h`, `2d` or plain seconds;
/// - pattern: `constant:RPS`, `ramp:FROM-TO@START-END`, `diurnal:BASE-PEAK@RISE-FALL`, `spike:EXTRA@AT/LENGTH`,
///   `noise:FRACTION/SEED` (e.g. `diurnal:80-1000@8h-22h`);
/// - outage: `POOL:FROM-TO` with an optional `:NODES` cap (e.g. `amd-neuron:10h-22h` or `amd-nvidia:1h-3h:2`).
public enum ReplaySpec {
    public static func seconds(_ text: String) throws(ReplayError) -> Double {
        let units: [(suffix: String, factor: Double)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value.isFinite, value >= 0, (value * factor).isFinite {
                return value * factor
            }
        }
        guard let value = Double(text), value.isFinite, value >= 0 else {
            throw ReplayError.invalidSpec("'\(text)' is not a duration (e.g. 90s, 30m, 12h, 2d)")
        }
        return value
    }

    public static func pattern(_ text: String) throws(ReplayError) -> DemandPattern {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ReplayError.invalidSpec("pattern '\(text)': expected KIND:ARGUMENTS") }
        let arguments = parts[1]
        switch parts[0] {
        case "constant":
            return .constant(rps: try number(arguments, in: text))
        case "ramp":
            let (rates, times) = try pair(arguments, in: text)
            return .ramp(fromRPS: rates.0, toRPS: rates.1, start: times.0, end: times.1)
        case "diurnal":
            let (rates, times) = try pair(arguments, in: text)
            return .diurnal(baseRPS: rates.0, peakRPS: rates.1, riseAt: times.0, fallAt: times.1)
        case "spike":
            let halves = arguments.split(separator: "@").map(String.init)
            let window = halves.count == 2 ? halves[1].split(separator: "/").map(String.init) : []
            guard window.count == 2 else { throw ReplayError.invalidSpec("pattern '\(text)': expected spike:EXTRA@AT/LENGTH") }
            return .spike(at: try seconds(window[0]), duration: try seconds(window[1]), extraRPS: try number(halves[0], in: text))
        case "noise":
            let fields = arguments.split(separator: "/").map(String.init)
            guard fields.count == 2, let seed = UInt64(fields[1]) else {
                throw ReplayError.invalidSpec("pattern '\(text)': expected noise:FRACTION/SEED")
            }
            return .noise(fraction: try number(fields[0], in: text), seed: seed)
        default:
            throw ReplayError.invalidSpec("pattern '\(text)': kind must be constant, ramp, diurnal, spike or noise")
        }
    }

    public static func outage(_ text: String) throws(ReplayError) -> CapacityWindow {
        let fields = text.split(separator: ":").map(String.init)
        guard fields.count == 2 || fields.count == 3 else {
            throw ReplayError.invalidSpec("outage '\(text)': expected POOL:FROM-TO[:NODES]")
        }
        let times = fields[1].split(separator: "-").map(String.init)
        guard times.count == 2 else { throw ReplayError.invalidSpec("outage '\(text)': expected FROM-TO, e.g. 10h-22h") }
        let from = try seconds(times[0])
        let to = try seconds(times[1])
        guard to > from else { throw ReplayError.invalidSpec("outage '\(text)': the end must come after the start") }
        var limit: Int?
        if fields.count == 3 {
            guard let nodes = Int(fields[2]), nodes >= 0 else { throw ReplayError.invalidSpec("outage '\(text)': NODES must be a whole number") }
            limit = nodes
        }
        return CapacityWindow(pool: fields[0], from: from, to: to, nodeLimit: limit)
    }

    private static func number(_ text: String, in spec: String) throws(ReplayError) -> Double {
        guard let value = Double(text), value.isFinite, value >= 0, value <= DomainLimits.maxRPS else {
            throw ReplayError.invalidSpec("pattern '\(spec)': '\(text)' is not a number within 0...\(Int(DomainLimits.maxRPS))")
        }
        return value
    }

    /// `A-B@C-D` as two rates and two times.
    private static func pair(_ text: String, in spec: String) throws(ReplayError) -> ((Double, Double), (Double, Double)) {
        let halves = text.split(separator: "@").map(String.init)
        let rates = halves.first?.split(separator: "-").map(String.init) ?? []
        let times = halves.count == 2 ? halves[1].split(separator: "-").map(String.init) : []
        guard rates.count == 2, times.count == 2 else {
            throw ReplayError.invalidSpec("pattern '\(spec)': expected FROM-TO@START-END, e.g. 80-1000@8h-22h")
        }
        return ((try number(rates[0], in: spec), try number(rates[1], in: spec)), (try seconds(times[0]), try seconds(times[1])))
    }
}
