import Foundation

/// What `GetMetricData` answered for one query, every page of the answer put together.
public struct CloudWatchMetricDataResult: Sendable, Equatable {
    /// The id of the query this answers.
    public var id: String
    public var label: String?
    /// When each datapoint's period starts; `timestamps[i]` goes with `values[i]`. In CloudWatch's order
    /// (newest first unless asked otherwise).
    public var timestamps: [Date]
    public var values: [Double]
    /// `Complete`, or `PartialData` (more datapoints than the answer held), `InternalError`, `Forbidden`.
    public var statusCode: String
    /// CloudWatch's notes on the data, as `Code: Value`.
    public var messages: [String]

    public init(
        id: String, label: String? = nil, timestamps: [Date] = [], values: [Double] = [],
        statusCode: String = CloudWatchMetricDataResult.complete, messages: [String] = []
    ) {
        self.id = id
        self.label = label
        self.timestamps = timestamps
        self.values = values
        self.statusCode = statusCode
        self.messages = messages
    }

    /// The status of data with every datapoint of the time range.
    public static let complete = "Complete"

    /// True when CloudWatch returned every datapoint of the time range.
    public var isComplete: Bool { statusCode == Self.complete }
}
