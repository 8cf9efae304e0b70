/// A replay asked for in the compact text syntax of ``ReplaySpec``: what `switchyard replay` and
/// `POST /v1/replays` take. Builds the ``ReplayScenario`` against a fleet, checking every reference.
public struct ReplayRequest: Codable, Sendable, Equatable {
    /// Replay the demo's reference scenario (``ReferenceScenario/seed004``); the other fields must be absent.
    public var reference: Bool?
    /// A named scenario that ships with the demo (``ReferenceScenario/named(_:)``); the other fields but the knobs
    /// must be absent.
    public var scenario: String?
    public var model: String?
    /// A demand trace as CSV text, `seconds,rps` per line.
    public var demandCSV: String?
    /// Generated demand patterns that add up, e.g. `diurnal:80-1000@8h-22h`.
    public var patterns: [String]?
    /// Shortage windows, e.g. `amd-neuron:10h-22h`.
    public var outages: [String]?
    /// Simulated time, e.g. `2d` (default).
    public var duration: String?
    /// Simulation step, e.g. `10s` (default).
    public var step: String?
    /// What-if settings applied to the scenario (the reference one too).
    public var knobs: ReplayKnobs?

    public init(
        reference: Bool? = nil, scenario: String? = nil, model: String? = nil, demandCSV: String? = nil,
        patterns: [String]? = nil,
        outages: [String]? = nil, duration: String? = nil, step: String? = nil, knobs: ReplayKnobs? = nil
    ) {
        self.reference = reference
        self.scenario = scenario
        self.model = model
        self.demandCSV = demandCSV
        self.patterns = patterns
        self.outages = outages
        self.duration = duration
        self.step = step
        self.knobs = knobs
    }

    /// The scenario this request describes over `fleet`, with its knobs applied; `tooManySteps` before any
    /// trace is generated when duration / step exceeds `maxSteps`.
    public func scenario(
        fleet: Fleet, maxSteps: Int = ReplaySimulator.defaultMaxSteps
    ) throws(ReplayError) -> ReplayScenario {
        let scenario = try baseScenario(fleet: fleet, maxSteps: maxSteps)
        return try knobs?.applied(to: scenario) ?? scenario
    }

    private func baseScenario(fleet: Fleet, maxSteps: Int) throws(ReplayError) -> ReplayScenario {
        if let scenario {
            guard reference != true, model == nil, demandCSV == nil, patterns ?? [] == [], outages ?? [] == [] else {
                throw .invalidSpec("a named scenario takes no reference, model, demand or outages")
            }
            guard let named = ReferenceScenario.named(scenario) else {
                throw .invalidSpec("unknown scenario '\(scenario)'; known: \(ReferenceScenario.names.joined(separator: ", "))")
            }
            return named
        }
        if reference == true {
            guard model == nil, demandCSV == nil, patterns ?? [] == [], outages ?? [] == [] else {
                throw .invalidSpec("the reference scenario takes no model, demand or outages")
            }
            return ReferenceScenario.seed004
        }
        guard let model else { throw .invalidSpec("give reference, or a model with demandCSV or patterns") }
        guard fleet.models.contains(where: { $0.name == model }) else { throw .unknownModel(model) }
        let durationSeconds = try ReplaySpec.seconds(duration ?? "2d")
        let stepSeconds = try ReplaySpec.seconds(step ?? "10s")
        guard stepSeconds > 0, durationSeconds >= stepSeconds else {
            throw .invalidTiming("the step must be positive and no longer than the duration")
        }
        let steps = (durationSeconds / stepSeconds).rounded(.down)
        guard steps <= Double(maxSteps) else { throw .tooManySteps(steps: steps, limit: maxSteps) }
        let demand: DemandTrace
        switch (demandCSV, patterns ?? []) {
        case (let csv?, []):
            demand = try DemandTrace.parseCSV(csv)
        case (nil, let patterns) where !patterns.isEmpty:
            var parsed: [DemandPattern] = []
            for pattern in patterns { parsed.append(try ReplaySpec.pattern(pattern)) }
            demand = DemandTrace.generate(parsed, duration: durationSeconds)
        default:
            throw .invalidSpec("give exactly one of demandCSV or patterns")
        }
        var windows: [CapacityWindow] = []
        for outage in outages ?? [] { windows.append(try ReplaySpec.outage(outage)) }
        let pools = Set(fleet.pools.map(\.name))
        if let unknown = windows.first(where: { !pools.contains($0.pool) }) {
            throw .invalidSpec("outage names unknown pool '\(unknown.pool)'")
        }
        var scenario = ReplayScenario(
            name: "\(model)-replay", fleet: fleet, model: model, demand: demand, capacityWindows: windows,
            stepSeconds: stepSeconds, durationSeconds: durationSeconds)
        scenario.spotInterruptions = SpotInterruptions.configured(in: fleet, model: model)
        // The timeline keeps at most `maxSeriesPoints` points per strategy, so a long replay's report stays small.
        let interval = (durationSeconds / Double(Self.maxSeriesPoints) / stepSeconds).rounded(.up) * stepSeconds
        scenario.seriesIntervalSeconds = max(scenario.seriesIntervalSeconds, interval)
        return scenario
    }

    /// The most timeline points per strategy a report carries; longer replays average over longer intervals.
    public static let maxSeriesPoints = 1_000
}
