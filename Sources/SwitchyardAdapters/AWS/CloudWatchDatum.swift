import Foundation

/// One datapoint for `PutMetricData`: a value of a metric (name and dimensions) at a time.
public struct CloudWatchDatum: Sendable, Hashable {
    public var metricName: String
    public var dimensions: [CloudWatchDimension]
    public var timestamp: Date
    /// Must be finite; CloudWatch refuses NaN and infinities.
    public var value: Double
    /// e.g. `Count`, `Count/Second`, `Milliseconds`; nil publishes it as `None`.
    public var unit: String?
    /// 1 stores it as a high-resolution metric (periods under a minute can then read it); nil or 60 as a standard one.
    public var storageResolution: Int?

    public init(
        metricName: String, dimensions: [CloudWatchDimension] = [], timestamp: Date, value: Double,
        unit: String? = nil, storageResolution: Int? = nil
    ) {
        self.metricName = metricName
        self.dimensions = dimensions
        self.timestamp = timestamp
        self.value = value
        self.unit = unit
        self.storageResolution = storageResolution
    }
}
