import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server (Debian's `postgresql` package) on a free loopback port with a throwaway data directory,
/// trusting local connections as the user `switchyard`, stopped by its process id.
///
/// PostgreSQL refuses to run as root: when this process is root, the server runs as the `postgres` system user the
/// package creates, and owns the data directory. A watchdog shell stands between: it removes the directory once the
/// server has stopped (``stop()``), and stops the server itself when this process exits without saying so.
public final class PostgresServerProcess: @unchecked Sendable {
    public static let user = "switchyard"

    public let port: Int
    let directory: URL
    let binaries: URL
    let watchdog: Process

    /// The folder holding `initdb`, `postgres` and `createdb`: Debian's newest `/usr/lib/postgresql/N/bin`, else PATH.
    public static var binaryDirectory: URL? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let debian = versions.compactMap(Int.init).sorted(by: >).map { URL(fileURLWithPath: "/usr/lib/postgresql/\($0)/bin") }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)) }
        return (debian + path).first {
            FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path)
                && FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("postgres").path)
        }
    }

    /// `postgres://switchyard@127.0.0.1:PORT/DATABASE?sslmode=disable`
    public func url(database: String) -> String {
        "postgres://\(Self.user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    public init() throws {
        guard let binaries = Self.binaryDirectory else { throw PostgresServerProcessError.notInstalled }
        self.binaries = binaries
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("switchyard-postgres-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let runAs = try Self.unprivilegedPrefix(owning: directory)
        let data = directory.appendingPathComponent("data").path
        try Self.run(
            runAs + [
                binaries.appendingPathComponent("initdb").path, "-D", data, "-U", Self.user, "--auth=trust", "--no-sync",
                "-E", "UTF8", "--no-instructions",
            ], log: directory.appendingPathComponent("initdb.log"))
        port = try FreePort.find()
        let server = (runAs + [
            binaries.appendingPathComponent("postgres").path, "-D", data, "-p", "\(port)", "-k", directory.path,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300",
        ]).map(Self.quoted).joined(separator: " ")
        // Fast shutdown (SIGINT) of the server when the test process is gone; the directory goes once it has stopped.
        let script = """
            \(server) >\(Self.quoted(directory.appendingPathComponent("server.log").path)) 2>&1 &
            server=$!
            trap 'kill -INT $server 2>/dev/null; wait $server; rm -rf \(Self.quoted(directory.path)); exit 0' TERM EXIT
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 0.5; done
            """
        watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/bash")
        watchdog.arguments = ["-c", script]
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
        try waitUntilAccepting()
    }

    /// Creates an empty database, optionally as a copy of `template`.
    public func createDatabase(_ name: String, template: String? = nil) throws {
        try Self.run(
            [binaries.appendingPathComponent("createdb").path, "-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user]
                + (template.map { ["-T", $0] } ?? []) + [name],
            log: directory.appendingPathComponent("createdb.log"))
    }

    /// Fast shutdown of the server by its process id (the watchdog inherits a signal mask that may block what it is
    /// sent, so the server is told directly); the watchdog then sees it gone, removes the directory and exits.
    public func stop() {
        guard watchdog.isRunning else { return }
        let pidFile = directory.appendingPathComponent("data/postmaster.pid")
        if let text = try? String(contentsOf: pidFile, encoding: .utf8),
            let line = text.split(separator: "\n").first, let pid = pid_t(line)
        {
            kill(pid, SIGINT)
        }
        watchdog.waitUntilExit()
    }

    private func waitUntilAccepting() throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let ready = Process()
            ready.executableURL = binaries.appendingPathComponent("pg_isready")
            ready.arguments = ["-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-q"]
            try ready.run()
            ready.waitUntilExit()
            if ready.terminationStatus == 0 { return }
            guard watchdog.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        stop()
        throw PostgresServerProcessError.didNotStart(log: log)
    }

    /// `setpriv` to the `postgres` user when running as root (after giving it the directory), else nothing.
    private static func unprivilegedPrefix(owning directory: URL) throws -> [String] {
        guard getuid() == 0 else { return [] }
        guard let account = getpwnam("postgres") else { throw PostgresServerProcessError.noUnprivilegedUser }
        guard chown(directory.path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
            throw PostgresServerProcessError.noUnprivilegedUser
        }
        return ["/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"]
    }

    private static func run(_ command: [String], log: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        try? output.close()
        guard process.terminationStatus == 0 else {
            throw PostgresServerProcessError.commandFailed(
                command: command.joined(separator: " "),
                output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
    }

    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

public enum PostgresServerProcessError: Error, CustomStringConvertible {
    case notInstalled
    case noUnprivilegedUser
    case commandFailed(command: String, output: String)
    case didNotStart(log: String)

    public var description: String {
        switch self {
        case .notInstalled: "PostgreSQL server binaries not found (apt-get install postgresql)"
        case .noUnprivilegedUser: "running as root, and there is no 'postgres' user to run the server as"
        case .commandFailed(let command, let output): "\(command) failed: \(output)"
        case .didNotStart(let log): "postgres did not start: \(log)"
        }
    }
}
