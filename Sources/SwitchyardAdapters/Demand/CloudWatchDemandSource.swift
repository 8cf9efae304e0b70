import Foundation
import SwitchyardCore

/// A model's demand from CloudWatch: one `GetMetricData` call per model for the newest complete period (one that
/// ended at least the configured delay ago), asking each configured metric and dimension combination with
/// `{model}` replaced by the model's name and, where a template holds `{unit}`, once per unit of the model.
///
/// The rate is the queries' datapoints in that period added up; a count statistic (`Sum`, `SampleCount`) is divided
/// by the period's seconds, any other is taken as requests per second already. The sample is observed at the
/// period's end. No datapoint in the period, or a rate that is not a finite number of 0 or more, is no sample;
/// data CloudWatch marks incomplete is an error, so the poller asks again rather than store a partial count.
public struct CloudWatchDemandSource: DemandSource {
    /// The names of a model's deployment units.
    public typealias UnitNames = @Sendable (_ model: String) async throws -> [String]

    let client: CloudWatchClient
    public let configuration: Configuration
    let unitNames: UnitNames?
    let now: @Sendable () -> Date

    public var name: String { "cloudwatch" }

    /// Throws ``CloudWatchDemandError/invalidConfiguration(_:)`` with every problem of `configuration`, and when
    /// it holds `{unit}` but `unitNames` is nil.
    ///
    /// - Parameters:
    ///   - unitNames: a model's units, asked at each sample when a template holds `{unit}`.
    ///   - now: the clock the newest complete period is judged by.
    public init(
        client: CloudWatchClient, configuration: Configuration, unitNames: UnitNames? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        var problems = configuration.problems()
        if configuration.namesUnit, unitNames == nil {
            problems.append("\(Configuration.unitPlaceholder) needs the models' units, and none were given")
        }
        guard problems.isEmpty else { throw CloudWatchDemandError.invalidConfiguration(problems) }
        self.client = client
        self.configuration = configuration
        self.unitNames = unitNames
        self.now = now
    }

    public func sample(model: String) async throws -> DemandSample? {
        let window = Self.window(at: now(), periodSeconds: configuration.periodSeconds, delaySeconds: configuration.delaySeconds)
        var units: [String] = []
        if configuration.namesUnit, let unitNames { units = try await unitNames(model) }
        let queries = configuration.queries(model: model, units: units)
        // Every query is per unit and the model has none: nothing serves it, so nothing is observed.
        guard !queries.isEmpty else { return nil }
        let results = try await client.getMetricData(queries: queries, start: window.start, end: window.end)
        guard let rps = try Self.rate(results, in: window, statistic: configuration.statistic) else { return nil }
        return DemandSample(model: model, observedAt: window.end, rps: rps, source: "cloudwatch")
    }

    /// The newest complete period at `now`: the last whole period, counted from the Unix epoch, that ended at
    /// least `delaySeconds` before `now`. CloudWatch counts periods from the start time asked; aligned to the epoch,
    /// successive polls ask for the same periods.
    public static func window(at now: Date, periodSeconds: Int, delaySeconds: Int) -> DateInterval {
        let period = Double(periodSeconds)
        let end = ((now.timeIntervalSince1970 - Double(delaySeconds)) / period).rounded(.down) * period
        return DateInterval(start: Date(timeIntervalSince1970: end - period), duration: period)
    }

    /// The rate in requests per second that `results` give for the one period `window`: each query's datapoint
    /// that starts in the window (the newest, should there be several) added up, and for a count `statistic`
    /// divided by the window's seconds. Nil when no query has a datapoint there, or the rate is not a finite
    /// number of 0 or more. Throws ``CloudWatchDemandError/incompleteData(queryID:statusCode:messages:)`` for a
    /// result CloudWatch did not mark `Complete`.
    public static func rate(
        _ results: [CloudWatchMetricDataResult], in window: DateInterval, statistic: String
    ) throws(CloudWatchDemandError) -> Double? {
        if let incomplete = results.first(where: { !$0.isComplete }) {
            throw .incompleteData(queryID: incomplete.id, statusCode: incomplete.statusCode, messages: incomplete.messages)
        }
        let inWindow = results.compactMap { result -> Double? in
            zip(result.timestamps, result.values)
                .filter { $0.0 >= window.start && $0.0 < window.end }
                .max { $0.0 < $1.0 }?.1
        }
        guard !inWindow.isEmpty else { return nil }
        let total = inWindow.reduce(0, +)
        let rate = Configuration.countStatistics.contains(statistic) ? total / window.duration : total
        guard rate.isFinite, rate >= 0 else { return nil }
        return rate
    }
}

/// Why the CloudWatch demand source could not be built or could not read a model's demand.
public enum CloudWatchDemandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration would make queries CloudWatch refuses; one line per problem.
    case invalidConfiguration([String])
    /// CloudWatch answered a query with a status other than `Complete`, e.g. `InternalError` or `Forbidden`.
    case incompleteData(queryID: String, statusCode: String, messages: [String])

    public var description: String {
        switch self {
        case .invalidConfiguration(let problems):
            "invalid CloudWatch demand settings: \(problems.joined(separator: "; "))"
        case .incompleteData(let id, let status, let messages):
            "CloudWatch answered query \(id) with \(status)" + (messages.isEmpty ? "" : " (\(messages.joined(separator: "; ")))")
        }
    }
}
