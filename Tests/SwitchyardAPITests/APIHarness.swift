import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

/// A real HTTP server on a free port over a fresh in-memory database, with one token per role.
struct APIHarness {
    let database: AppDatabase
    let control: ControlServices
    /// Where the files applier writes.
    let pushDirectory: URL
    let registry: PrometheusCollectorRegistry
    let settings: APISettings
    let viewer: String
    let operatorToken: String
    let admin: String

    /// Names of the tokens, as they appear as audit actors.
    static let viewerName = "test-viewer"
    static let operatorName = "test-operator"
    static let adminName = "test-admin"

    static func make(
        maxBodyBytes: Int = APISettings.defaultMaxBodyBytes, replays: ReplaySettings = ReplaySettings(),
        demandHorizonSeconds: Double = APISettings.defaultDemandHorizonSeconds, requestDeadline: Duration = .seconds(120)
    ) async throws -> APIHarness {
        let database = try AppDatabase.inMemory()
        let setup = ChangeContext(actor: "test-setup", requestID: "setup")
        let viewer = try await database.createToken(name: viewerName, role: .viewer, context: setup)
        let operatorToken = try await database.createToken(name: operatorName, role: .operator, context: setup)
        let admin = try await database.createToken(name: adminName, role: .admin, context: setup)
        let pushDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchyard-api-\(UUID().uuidString)", isDirectory: true)
        let registry = PrometheusCollectorRegistry()
        let exporter = ControlMetricsExporter(registry: registry, targets: [.files])
        let apply = ApplyService(
            database: database, appliers: [FilesApplier(directory: pushDirectory)], metrics: exporter)
        let failover = FailoverController(database: database, pusher: apply, metrics: exporter)
        return APIHarness(
            database: database, control: ControlServices(apply: apply, failover: failover), pushDirectory: pushDirectory,
            registry: registry,
            settings: APISettings(
                host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes, replays: replays,
                demandHorizonSeconds: demandHorizonSeconds, requestDeadline: requestDeadline),
            viewer: viewer.secret, operatorToken: operatorToken.secret, admin: admin.secret)
    }

    /// Runs `body` against the live server.
    func run<Value: Sendable>(_ body: @Sendable @escaping (HTTPClient) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "switchyard.api.test")
        logger.logLevel = .warning
        let app = try buildApplication(
            database: database, control: control, settings: settings, logger: logger, metrics: registry)
        return try await app.test(.live) { client in try await body(HTTPClient(base: client)) }
    }
}

/// Requests in the shape the tests need: a token, a JSON or raw body, extra headers.
struct HTTPClient: Sendable {
    let base: any TestClientProtocol

    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: (any Encodable & Sendable)? = nil,
        body: String? = nil, contentType: String? = nil, headers: [String: String] = [:]
    ) async throws -> TestResponse {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        var payload: ByteBuffer?
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            payload = ByteBuffer(bytes: try encoder.encode(json))
            fields[.contentType] = "application/json"
        } else if let body {
            payload = ByteBuffer(string: body)
        }
        if let contentType { fields[.contentType] = contentType }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return try await base.executeRequest(uri: path, method: method, headers: fields, body: payload)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Value.self, from: Data(buffer: body))
    }

    /// The problem document, after checking it is one.
    func problem(sourceLocation: SourceLocation = #_sourceLocation) throws -> ProblemDetails {
        #expect(headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let problem = try decode(ProblemDetails.self)
        #expect(problem.status == Int(status.code), sourceLocation: sourceLocation)
        return problem
    }
}

extension ByteBuffer {
    init(bytes data: Data) {
        self.init(bytes: Array(data))
    }
}
