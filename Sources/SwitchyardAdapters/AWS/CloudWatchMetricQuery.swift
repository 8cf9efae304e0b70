import Foundation

/// A CloudWatch dimension: one name and value of the set that identifies a metric, e.g.
/// `TargetGroup=targetgroup/sd21-inf2/73e2d6bc24d8a067`.
public struct CloudWatchDimension: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One metric statistic asked of `GetMetricData`: a metric (namespace, name, exact dimension set), the statistic
/// and the period its datapoints aggregate.
public struct CloudWatchMetricQuery: Sendable, Hashable {
    /// Names the query's result: a lowercase letter, then letters, digits and underscores.
    public var id: String
    public var namespace: String
    public var metricName: String
    /// The metric's dimensions; CloudWatch matches the set exactly (a metric published with more dimensions is
    /// a different metric).
    public var dimensions: [CloudWatchDimension]
    /// Seconds per datapoint: 1, 5, 10, 20 or 30 for high-resolution metrics, else a multiple of 60.
    public var periodSeconds: Int
    /// `Sum`, `SampleCount`, `Average`, `Minimum`, `Maximum`, or an extended statistic such as `p99`.
    public var stat: String

    public init(
        id: String, namespace: String, metricName: String, dimensions: [CloudWatchDimension] = [],
        periodSeconds: Int, stat: String
    ) {
        self.id = id
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.periodSeconds = periodSeconds
        self.stat = stat
    }
}
