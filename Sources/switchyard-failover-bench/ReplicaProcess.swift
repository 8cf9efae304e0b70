import Foundation
import SwitchyardFakes
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One `switchyard serve` replica of the service-failover benchmark, pushing to files of its own so that who pushed
/// when is on disk.
final class ReplicaProcess: @unchecked Sendable {
    static let adminToken = "sy_bench_admin_secret_replicas_0123456789"

    let name: String
    let port: Int
    let pushes: URL
    private let process: Process
    private let log: URL

    init(name: String, binary: URL, database: String, directory: URL, arguments: [String]) throws {
        self.name = name
        port = try FreePort.find()
        pushes = directory.appendingPathComponent("\(name)-pushes")
        log = directory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--database", database, "--demo", "--push-dir", pushes.path]
            + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWITCHYARD_ADMIN_TOKEN"] = Self.adminToken
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Waits until `/healthz` answers.
    func waitUntilHealthy() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw BenchError.failed("\(name) exited:\n\(logText())") }
            if let (_, status) = try? await request("GET", "/healthz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchError.failed("\(name) never became healthy:\n\(logText())")
    }

    /// Sends a request with the admin token; answers the body and status.
    func request(_ method: String, _ path: String, body: [String: Any]? = nil, requestID: String? = nil) async throws
        -> (Data, Int)
    {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 5
        request.setValue("Bearer \(Self.adminToken)", forHTTPHeaderField: "Authorization")
        if let requestID { request.setValue(requestID, forHTTPHeaderField: "X-Request-Id") }
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// Whether this replica says it runs the loops.
    func leads() async -> Bool {
        guard let (data, status) = try? await request("GET", "/v1/failover"), status == 200 else { return false }
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["leader"] as? Bool == true
    }

    /// When this replica last wrote a pushed file, and the first time it wrote one after `since`.
    func pushTimes(after since: Date) -> (last: Date?, firstAfter: Date?) {
        let files = FileManager.default.enumerator(at: pushes, includingPropertiesForKeys: [.contentModificationDateKey])?
            .compactMap { $0 as? URL } ?? []
        let times = files.compactMap { try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate }
        return (times.max(), times.filter { $0 > since }.min())
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func logText() -> String {
        (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(4000)) } ?? ""
    }
}
