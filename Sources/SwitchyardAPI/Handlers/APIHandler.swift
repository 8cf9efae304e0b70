internal import Foundation
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

/// Implements the operations of the OpenAPI document over the store and the planner. One extension per
/// area of the API; every error it throws is mapped to problem details by `ProblemMiddleware`.
struct APIHandler: APIProtocol {
    let database: any ServiceStore
    let control: ControlServices
    let planner: RoutingPlanner
    let metrics: HTTPMetrics
    let maxBodyBytes: Int
    /// How far ahead demand forecasts look, seconds.
    let demandHorizonSeconds: Double
    /// Where replays run, bounded in steps, time and number at once.
    let replays: ReplayRunner
    /// The time a report is observed at; the loop decides with the same clock.
    let now: @Sendable () -> Date

    /// Page size when the caller gives none, and the largest the API accepts.
    static let defaultPageSize = 100
    static let maxPageSize = 500

    /// A page size from the query, 422 outside 1...500.
    static func pageSize(_ limit: Int?) throws -> Int {
        guard let limit else { return defaultPageSize }
        guard (1...maxPageSize).contains(limit) else {
            throw APIError.invalidParameter(field: "limit", detail: "limit must be within 1...\(maxPageSize), got \(limit).")
        }
        return limit
    }

    /// 422 naming the field when the body names a different resource than the path.
    static func requireSameName(_ inBody: String, as inPath: String, field: String = "name") throws {
        guard inBody == inPath else { throw APIError.nameMismatch(field: field, inPath: inPath, inBody: inBody) }
    }
}
