/// What can be wrong with a replay's inputs.
public enum ReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line of a demand CSV that is not `seconds,rps`, with its 1-based line number.
    case malformedTraceLine(line: Int, text: String)
    /// Times in a demand trace must increase strictly; the line that broke the order.
    case traceTimeNotIncreasing(line: Int)
    /// A negative or non-finite demand value.
    case invalidDemand(line: Int)
    case emptyTrace
    /// The scenario names a model that its fleet does not have.
    case unknownModel(String)
    /// The model has no unit the planner can route to.
    case noRoutableUnit(String)
    /// Step or duration not positive and finite.
    case invalidTiming(String)
    /// A pattern, outage or duration in the compact text syntax (``ReplaySpec``) that does not parse.
    case invalidSpec(String)
    /// The scenario needs more steps than a replay may simulate (``ReplaySimulator/maxSteps``).
    case tooManySteps(steps: Double, limit: Int)
    /// The replay's task was cancelled before it finished.
    case cancelled

    public var description: String {
        switch self {
        case .malformedTraceLine(let line, let text): "line \(line): expected 'seconds,rps', got '\(text)'"
        case .traceTimeNotIncreasing(let line): "line \(line): time does not increase"
        case .invalidDemand(let line): "line \(line): demand must be a finite number within 0...\(Int(DomainLimits.maxRPS))"
        case .emptyTrace: "the demand trace has no points"
        case .unknownModel(let model): "the fleet has no model \(model)"
        case .noRoutableUnit(let model): "model \(model) has no enabled, rated, priced unit"
        case .invalidTiming(let detail): detail
        case .invalidSpec(let detail): detail
        case .tooManySteps(let steps, let limit):
            "the replay needs \(ReplayNumber.count(steps)) steps of simulated time; at most \(ReplayNumber.count(Double(limit))) are allowed (shorten duration or lengthen step)"
        case .cancelled: "the replay was cancelled"
        }
    }
}
