import Foundation
import SwitchyardFakes
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built `switchyard` binary running `serve` on a free loopback port, for tests that treat it as a black box.
final class ServiceProcess: @unchecked Sendable {
    let port: Int
    let databasePath: String
    let adminToken: String
    private let process: Process
    private let output: URL

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts the binary and waits until `/healthz` answers.
    init(
        databasePath: String, adminToken: String, port: Int? = nil, extraArguments: [String] = [],
        environment extra: [String: String] = [:]
    ) async throws {
        self.port = try port ?? FreePort.find()
        self.databasePath = databasePath
        self.adminToken = adminToken
        // A PostgreSQL URL is no place for a log file: its log goes to the temporary directory.
        let logBase = databasePath.contains("://")
            ? FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)").path
            : databasePath
        self.output = URL(fileURLWithPath: logBase + ".\(self.port).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = try Self.binaryURL()
        process.arguments = ["serve", "--listen", "127.0.0.1:\(self.port)", "--database", databasePath] + extraArguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWITCHYARD_ADMIN_TOKEN"] = adminToken
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        try await waitUntilHealthy()
    }

    /// Where the binary is: SWITCHYARD_BINARY, else beside the test bundle in the build directory.
    static func binaryURL() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["SWITCHYARD_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testExecutable.deletingLastPathComponent()
        // The test bundle may be a directory (…/X.xctest/…); walk up until the binary is beside us.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("switchyard")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw ServiceProcessError.binaryNotFound(testExecutable.path)
    }

    /// Generous: on two cores the suites beside this one can keep the test process itself from polling for a while.
    private func waitUntilHealthy() async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw ServiceProcessError.exited(status: process.terminationStatus, log: log()) }
            if let (_, status) = try? await request("GET", "/healthz", token: nil), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard process.isRunning else { throw ServiceProcessError.exited(status: process.terminationStatus, log: log()) }
        throw ServiceProcessError.notHealthy(log: log())
    }

    /// Sends a request; answers the body and the status code.
    func request(_ method: String, _ path: String, body: Data? = nil, token: String? = "admin", contentType: String = "application/json") async throws -> (Data, Int) {
        // The path may carry a query, so it is appended as text, not as a path component (which would escape '?').
        var request = URLRequest(url: URL(string: baseURL.absoluteString + path)!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 10
        if body != nil { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token == "admin" ? adminToken : token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Runs the binary to completion (an offline command); answers its exit status and what it printed.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try binaryURL()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The resident set size of the process, in bytes, from /proc.
    func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
    }

    /// The names of the process's threads, as Linux keeps them (at most 15 characters each).
    func threadNames() -> [String] {
        let tasks = "/proc/\(process.processIdentifier)/task"
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
        return ids.compactMap { id in
            (try? String(contentsOfFile: "\(tasks)/\(id)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func log() -> String {
        (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    deinit {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }
    }
}

enum ServiceProcessError: Error, CustomStringConvertible {
    case binaryNotFound(String)
    case exited(status: Int32, log: String)
    case notHealthy(log: String)

    var description: String {
        switch self {
        case .binaryNotFound(let from): "switchyard binary not found near \(from); set SWITCHYARD_BINARY"
        case .exited(let status, let log): "switchyard exited with \(status):\n\(log)"
        case .notHealthy(let log): "switchyard did not become healthy:\n\(log)"
        }
    }
}
