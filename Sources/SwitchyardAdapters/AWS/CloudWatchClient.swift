import AsyncHTTPClient
import Foundation
import Logging

/// Amazon CloudWatch (API version 2010-08-01) over the Query protocol: reads metric statistics with
/// `GetMetricData` and publishes datapoints with `PutMetricData`.
public struct CloudWatchClient: Sendable {
    public static let apiVersion = "2010-08-01"
    /// The most queries one `GetMetricData` call takes.
    public static let maxQueriesPerCall = 500
    /// The most dimensions one metric has.
    public static let maxDimensionsPerMetric = 30
    /// The most datapoints one `PutMetricData` call takes.
    public static let maxDataPerCall = 1000
    /// Pages followed before the answer counts as broken; a day of one-minute datapoints of 500 queries is 8.
    static let maxPages = 100

    /// The underlying signed Query client, for calls this type does not wrap.
    public let query: AWSQueryClient

    /// - Parameters:
    ///   - endpoint: overrides `https://monitoring.<region>.amazonaws.com`, e.g. a moto server.
    public init(
        httpClient: HTTPClient, region: String, endpoint: URL? = nil, credentials: any AWSCredentialsProvider,
        retryPolicy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "switchyard.aws.cloudwatch")
    ) {
        self.query = AWSQueryClient(
            httpClient: httpClient,
            endpoint: endpoint ?? Self.defaultEndpoint(region: region),
            region: region, signingName: "monitoring", apiVersion: Self.apiVersion,
            credentials: credentials, retryPolicy: retryPolicy, logger: logger
        )
    }

    /// The public regional endpoint.
    public static func defaultEndpoint(region: String) -> URL {
        URL(string: "https://monitoring.\(region).amazonaws.com")!
    }

    /// The datapoints of every query from `start` (inclusive) to `end` (exclusive), following `NextToken` until
    /// CloudWatch has sent everything; a query's datapoints from several pages are put together in one result.
    ///
    /// A result whose ``CloudWatchMetricDataResult/statusCode`` is not `Complete` after the last page
    /// (`PartialData` with no token to follow, `InternalError`, `Forbidden`) is returned as CloudWatch sent it,
    /// for the caller to judge. Throws ``AWSError/invalidRequest(_:)`` for queries CloudWatch would refuse.
    ///
    /// - Parameter maxDatapoints: datapoints per page; nil leaves CloudWatch's default (100,800).
    public func getMetricData(
        queries: [CloudWatchMetricQuery], start: Date, end: Date, maxDatapoints: Int? = nil
    ) async throws -> [CloudWatchMetricDataResult] {
        try Self.validate(queries: queries, start: start, end: end)
        var pages: [MetricDataPage] = []
        var token: String?
        var tokensSeen: Set<String> = []
        while pages.count < Self.maxPages {
            let parameters = Self.getMetricDataParameters(
                queries: queries, start: start, end: end, nextToken: token, maxDatapoints: maxDatapoints)
            let page = try Self.metricDataPage(from: try await query.call("GetMetricData", parameters))
            pages.append(page)
            guard let next = page.nextToken else { return Self.merge(pages) }
            guard tokensSeen.insert(next).inserted else {
                throw AWSError.malformedResponse(action: "GetMetricData", reason: "the same NextToken came twice")
            }
            token = next
        }
        throw AWSError.malformedResponse(action: "GetMetricData", reason: "still more pages after \(Self.maxPages)")
    }

    /// Publishes `data` to `namespace`, in calls of at most ``maxDataPerCall`` datapoints. Throws
    /// ``AWSError/invalidRequest(_:)`` for a value CloudWatch would refuse (NaN, an infinity) before sending any.
    public func putMetricData(namespace: String, data: [CloudWatchDatum]) async throws {
        guard !namespace.isEmpty else { throw AWSError.invalidRequest("PutMetricData needs a namespace") }
        if let bad = data.first(where: { !$0.value.isFinite }) {
            throw AWSError.invalidRequest("\(bad.metricName) has the value \(bad.value); CloudWatch takes finite numbers only")
        }
        var start = data.startIndex
        while start < data.endIndex {
            let end = min(start + Self.maxDataPerCall, data.endIndex)
            _ = try await query.call(
                "PutMetricData", Self.putMetricDataParameters(namespace: namespace, data: Array(data[start..<end])))
            start = end
        }
    }

    /// Throws ``AWSError/invalidRequest(_:)`` for what GetMetricData would refuse: no query or more than
    /// ``maxQueriesPerCall``, an id that is not a lowercase letter then letters, digits and underscores, a repeated
    /// id, more than ``maxDimensionsPerMetric`` dimensions, or a start not before the end.
    static func validate(queries: [CloudWatchMetricQuery], start: Date, end: Date) throws {
        guard !queries.isEmpty else { throw AWSError.invalidRequest("GetMetricData needs at least one query") }
        guard queries.count <= maxQueriesPerCall else {
            throw AWSError.invalidRequest("GetMetricData takes at most \(maxQueriesPerCall) queries, got \(queries.count)")
        }
        var ids: Set<String> = []
        for query in queries {
            guard isValidID(query.id) else {
                throw AWSError.invalidRequest("query id '\(query.id)' must start with a lowercase letter and hold only letters, digits and _")
            }
            guard ids.insert(query.id).inserted else { throw AWSError.invalidRequest("query id '\(query.id)' appears twice") }
            guard query.dimensions.count <= maxDimensionsPerMetric else {
                throw AWSError.invalidRequest("query \(query.id) has \(query.dimensions.count) dimensions; a metric has at most \(maxDimensionsPerMetric)")
            }
        }
        guard start < end else { throw AWSError.invalidRequest("GetMetricData needs a start before its end") }
    }

    private static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
    }
}
