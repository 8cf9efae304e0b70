import HTTPTypes
internal import OpenAPIRuntime
import SwitchyardControl
import SwitchyardStore

/// Answers repeated reads of the fleet and of plans with the bytes sent last time, while nothing they derive from has
/// changed. It runs after authorization (so every request is still checked) and outside the handlers and their
/// encoding, which is what it saves: a plan is not planned and encoded again for every poll of a dashboard.
///
/// Each cached operation names what its answer derives from. The version is read before the handler runs, and the
/// store and the control plane change it only after a change is visible: an answer made while a change landed is kept
/// under the version before the change, so it is never served after it.
struct ReadCacheMiddleware: ServerMiddleware {
    enum Dependency: Sendable {
        /// The committed fleet only.
        case fleet
        /// The committed fleet and the routing in force (failover state, hand-downs of failover pushes).
        case fleetAndRouting
    }

    /// The operations whose answers are cached, by operation id. Every other operation passes through.
    static let dependencies: [String: Dependency] = [
        "listModels": .fleet, "getModel": .fleet, "listInstanceTypes": .fleet, "getInstanceType": .fleet,
        "listPools": .fleet, "getPool": .fleet, "listUnits": .fleet, "getUnit": .fleet, "rateUnit": .fleet,
        "planModel": .fleetAndRouting,
    ]

    let cache: ReadResponseCache
    let database: any ServiceStore
    let apply: ApplyService

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.method == .get, let dependency = Self.dependencies[operationID], let target = request.path else {
            return try await next(request, body, metadata)
        }
        let version = ReadVersion(
            fleet: database.fleetGeneration, routing: dependency == .fleetAndRouting ? apply.routingGeneration : nil)
        let key = ReadResponseCache.Key(target: target, accept: request.headerFields[.accept])
        if let kept = cache.answer(for: key, at: version) {
            return (kept.head, HTTPBody(kept.body))
        }
        let (response, responseBody) = try await next(request, body, metadata)
        guard response.status == .ok, let responseBody, case .known(let length) = responseBody.length,
              length <= cache.maxEntryBytes
        else { return (response, responseBody) }
        let bytes = try await ArraySlice<UInt8>(collecting: responseBody, upTo: Int(length))
        cache.keep(.init(version: version, head: response, body: bytes), for: key)
        return (response, HTTPBody(bytes))
    }
}
