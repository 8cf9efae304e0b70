import Foundation

/// The Query-protocol shapes of `GetMetricData` and `PutMetricData`: parameters out, XML answers in. Pure.
extension CloudWatchClient {
    /// One page of a `GetMetricData` answer.
    public struct MetricDataPage: Sendable, Equatable {
        public var results: [CloudWatchMetricDataResult]
        /// Present when CloudWatch has more datapoints; sent back to get them.
        public var nextToken: String?
        /// Notes on the whole answer, as `Code: Value`.
        public var messages: [String]

        public init(results: [CloudWatchMetricDataResult], nextToken: String? = nil, messages: [String] = []) {
            self.results = results
            self.nextToken = nextToken
            self.messages = messages
        }
    }

    /// The parameters of one `GetMetricData` call, e.g. `MetricDataQueries.member.1.MetricStat.Metric.Namespace`;
    /// times in ISO 8601 UTC.
    public static func getMetricDataParameters(
        queries: [CloudWatchMetricQuery], start: Date, end: Date, nextToken: String? = nil, maxDatapoints: Int? = nil
    ) -> [String: String] {
        var parameters = ["StartTime": AWSTimestamp.format(start), "EndTime": AWSTimestamp.format(end)]
        for (index, query) in queries.enumerated() {
            let member = "MetricDataQueries.member.\(index + 1)"
            parameters["\(member).Id"] = query.id
            parameters["\(member).MetricStat.Metric.Namespace"] = query.namespace
            parameters["\(member).MetricStat.Metric.MetricName"] = query.metricName
            for (position, dimension) in query.dimensions.enumerated() {
                parameters["\(member).MetricStat.Metric.Dimensions.member.\(position + 1).Name"] = dimension.name
                parameters["\(member).MetricStat.Metric.Dimensions.member.\(position + 1).Value"] = dimension.value
            }
            parameters["\(member).MetricStat.Period"] = String(query.periodSeconds)
            parameters["\(member).MetricStat.Stat"] = query.stat
        }
        if let nextToken { parameters["NextToken"] = nextToken }
        if let maxDatapoints { parameters["MaxDatapoints"] = String(maxDatapoints) }
        return parameters
    }

    /// The parameters of one `PutMetricData` call, e.g. `MetricData.member.1.Dimensions.member.1.Name`.
    public static func putMetricDataParameters(namespace: String, data: [CloudWatchDatum]) -> [String: String] {
        var parameters = ["Namespace": namespace]
        for (index, datum) in data.enumerated() {
            let member = "MetricData.member.\(index + 1)"
            parameters["\(member).MetricName"] = datum.metricName
            for (position, dimension) in datum.dimensions.enumerated() {
                parameters["\(member).Dimensions.member.\(position + 1).Name"] = dimension.name
                parameters["\(member).Dimensions.member.\(position + 1).Value"] = dimension.value
            }
            parameters["\(member).Timestamp"] = AWSTimestamp.format(datum.timestamp)
            parameters["\(member).Value"] = String(datum.value)
            if let unit = datum.unit { parameters["\(member).Unit"] = unit }
            if let resolution = datum.storageResolution { parameters["\(member).StorageResolution"] = String(resolution) }
        }
        return parameters
    }

    /// Reads one `GetMetricDataResponse`: each `MetricDataResults` member's id, label, timestamps, values, status and
    /// messages, and the `NextToken`. Throws ``AWSError/malformedResponse(action:reason:)`` when the answer has no
    /// result element, a member has no id, a timestamp or value does not read, or the two lists differ in length.
    public static func metricDataPage(from root: AWSXMLNode) throws -> MetricDataPage {
        guard let result = root.child("GetMetricDataResult") else {
            throw malformed("no GetMetricDataResult in <\(root.name)>")
        }
        let results = try result.members(of: "MetricDataResults").map { member -> CloudWatchMetricDataResult in
            guard let id = member.text(of: "Id"), !id.isEmpty else { throw malformed("a result without an Id") }
            let timestamps = try member.members(of: "Timestamps").map { node -> Date in
                guard let date = AWSTimestamp.parse(node.text) else { throw malformed("result \(id): timestamp '\(node.text)'") }
                return date
            }
            let values = try member.members(of: "Values").map { node -> Double in
                guard let value = Double(node.text) else { throw malformed("result \(id): value '\(node.text)'") }
                return value
            }
            guard timestamps.count == values.count else {
                throw malformed("result \(id): \(timestamps.count) timestamps for \(values.count) values")
            }
            let status = member.text(of: "StatusCode").flatMap { $0.isEmpty ? nil : $0 }
            return CloudWatchMetricDataResult(
                id: id, label: member.text(of: "Label"), timestamps: timestamps, values: values,
                statusCode: status ?? CloudWatchMetricDataResult.complete, messages: messages(member))
        }
        let token = result.text(of: "NextToken").flatMap { $0.isEmpty ? nil : $0 }
        return MetricDataPage(results: results, nextToken: token, messages: messages(result))
    }

    /// The pages of one answer as one result per query id, in the order the ids first came: datapoints appended,
    /// the status of the last page that had the id, every message.
    public static func merge(_ pages: [MetricDataPage]) -> [CloudWatchMetricDataResult] {
        var merged: [CloudWatchMetricDataResult] = []
        var position: [String: Int] = [:]
        for result in pages.flatMap(\.results) {
            guard let index = position[result.id] else {
                position[result.id] = merged.count
                merged.append(result)
                continue
            }
            merged[index].timestamps += result.timestamps
            merged[index].values += result.values
            merged[index].statusCode = result.statusCode
            merged[index].messages += result.messages
            if merged[index].label == nil { merged[index].label = result.label }
        }
        return merged
    }

    private static func messages(_ node: AWSXMLNode) -> [String] {
        node.members(of: "Messages").map { message in
            [message.text(of: "Code"), message.text(of: "Value")].compactMap { $0 }.joined(separator: ": ")
        }
    }

    private static func malformed(_ reason: String) -> AWSError {
        .malformedResponse(action: "GetMetricData", reason: reason)
    }
}
