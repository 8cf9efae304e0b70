import AsyncHTTPClient
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A moto server (`moto_server`, the AWS API mock from PyPI) on a free loopback port, started for one
/// test (or a benchmark) and stopped by its process id when it ends. Not a fake: the real AWS wire
/// protocol, from the one place the tests and the failover benchmark share.
public final class MotoServer: Sendable {
    public let port: Int
    public var endpoint: URL { URL(string: "http://127.0.0.1:\(port)/")! }
    private let process: Mutex<Process?>

    /// The command that starts moto: `moto_server` from PATH, else `python3 -m moto.server`, else nil.
    public static let command: [String]? = {
        if let binary = findOnPath("moto_server") { return [binary] }
        if let python = findOnPath("python3"), run([python, "-c", "import moto.server"]) == 0 {
            return [python, "-m", "moto.server"]
        }
        return nil
    }()

    public static var isInstalled: Bool { command != nil }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = Mutex(process)
    }

    deinit {
        stop()
    }

    /// Starts a server and waits until it answers HTTP. At most one runs at a time in a process: each python
    /// moto takes seconds of CPU to start and serve, and on a two-core machine several at once starve the
    /// tests running beside them; the next start waits until the running server is stopped.
    public static func start() async throws -> MotoServer {
        guard let command else { throw MotoServerError.notInstalled }
        await MotoServerTurns.shared.acquire()
        do {
            return try await launch(command)
        } catch {
            await MotoServerTurns.shared.release()
            throw error
        }
    }

    private static func launch(_ command: [String]) async throws -> MotoServer {
        let port = try FreePort.find()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = MotoServer(port: port, process: process)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                server.terminate()
                throw MotoServerError.exited(process.terminationStatus)
            }
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/moto-api/")
            request.method = .GET
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)) {
                _ = try? await response.body.collect(upTo: 1 << 22)
                return server
            }
            try await Task.sleep(for: .milliseconds(150))
        }
        server.terminate()
        throw MotoServerError.didNotAnswer(port: port)
    }

    /// Terminates the server process (by its pid), waits for it to exit, and lets the next server start.
    /// Safe to call twice.
    public func stop() {
        guard terminate() else { return }
        Task { await MotoServerTurns.shared.release() }
    }

    /// Kills the process if it is still ours; false when it was already stopped.
    @discardableResult
    private func terminate() -> Bool {
        guard let running = process.withLock({ current -> Process? in
            defer { current = nil }
            return current
        }) else { return false }
        if running.isRunning {
            // moto keeps nothing worth flushing, and a prompt exit keeps the caller's thread free.
            kill(running.processIdentifier, SIGKILL)
            running.waitUntilExit()
        }
        return true
    }

    private static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

public enum MotoServerError: Error {
    case notInstalled
    case exited(Int32)
    case didNotAnswer(port: Int)
}

/// Whose turn it is to run a moto server: one at a time per process, first come first served.
actor MotoServerTurns {
    /// Shared by every test target linked into one test process; the CPU it rations is shared the same way.
    static let shared = MotoServerTurns()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        guard !waiting.isEmpty else {
            busy = false
            return
        }
        waiting.removeFirst().resume()
    }
}
