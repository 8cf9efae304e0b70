import Foundation
import NIOSSL
import PostgresNIO

/// Where the PostgreSQL database is and how to reach it, from a `postgres://user@host:port/database?sslmode=...` URL
/// and a password given apart from it. Its description never holds the password.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    /// How strictly the connection is protected, as libpq's `sslmode` spells it.
    public enum TLSMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var tlsMode: TLSMode
    /// A CA bundle to verify the server with (`sslrootcert`), else the system's trust roots.
    public var rootCertificatePath: String?
    var password: String?

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses the URL. The password comes from `passwordFile` (its first line) when given, else from the URL, else
    /// from `PGPASSWORD` in `environment`.
    public init(url text: String, passwordFile: String? = nil, environment: [String: String] = [:]) throws {
        guard Self.isURL(text), let components = URLComponents(string: text), let host = components.host, !host.isEmpty
        else { throw PostgresLocationError.malformed("expected postgres://USER@HOST[:PORT]/DATABASE") }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresLocationError.malformed("the URL names no user (postgres://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw PostgresLocationError.malformed("the URL names no database (postgres://USER@HOST/DATABASE)")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let mode = query["sslmode"] ?? "prefer"
        guard let tlsMode = TLSMode(rawValue: mode) else {
            throw PostgresLocationError.malformed("sslmode '\(mode)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.database = database
        self.tlsMode = tlsMode
        self.rootCertificatePath = query["sslrootcert"]
        if let passwordFile {
            do {
                let contents = try String(contentsOfFile: passwordFile, encoding: .utf8)
                self.password = String(contents.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            } catch {
                throw PostgresLocationError.unreadablePasswordFile(passwordFile)
            }
        } else {
            self.password = components.password ?? environment["PGPASSWORD"]
        }
    }

    /// The URL without its password.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tlsMode.rawValue)"
    }

    func clientConfiguration(maximumConnections: Int) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch try tlsChoice() {
        case .disable: .disable
        case .prefer(let configuration): .prefer(configuration)
        case .require(let configuration): .require(configuration)
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        // A replica that stops in the middle of a transaction (paused, hung, cut off) must not hold its locks, and
        // with them every other replica's writes, for longer than this: the server ends such a session.
        configuration.options.additionalStartupParameters = [
            ("idle_in_transaction_session_timeout", "\(Self.idleInTransactionMilliseconds)"),
        ]
        return configuration
    }

    /// How long a pooled session may sit idle inside a transaction before the server ends it. A push fenced by its
    /// leadership term holds a transaction open for as long as it sends; it sets its own, longer, bound.
    static let idleInTransactionMilliseconds = 5_000

    /// The configuration of a connection of its own, outside the pool (the leader lock's, whose session holds the lock).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch try tlsChoice() {
        case .disable: .disable
        case .prefer(let configuration): try .prefer(.init(configuration: configuration))
        case .require(let configuration): try .require(.init(configuration: configuration))
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    private enum TLSChoice {
        case disable
        case prefer(TLSConfiguration)
        case require(TLSConfiguration)
    }

    private func tlsChoice() throws -> TLSChoice {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificatePath { tls.trustRoots = .file(rootCertificatePath) }
        switch tlsMode {
        case .disable: return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(tls)
        case .require:
            // libpq's `require` encrypts without checking the certificate, unless a root certificate is given.
            if rootCertificatePath == nil { tls.certificateVerification = .none }
            return .require(tls)
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        case .verifyFull:
            return .require(tls)
        }
    }
}

/// A PostgreSQL location that cannot be used.
public enum PostgresLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case unreadablePasswordFile(String)

    public var description: String {
        switch self {
        case .malformed(let problem): "the PostgreSQL URL is malformed: \(problem)"
        case .unreadablePasswordFile(let path): "the PostgreSQL password file \(path) cannot be read"
        }
    }
}
