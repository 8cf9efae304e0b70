import SwitchyardStore

/// The database a command opens: a SQLite file (one replica, nothing to run) or a PostgreSQL database that several
/// replicas share. A `postgres://` URL selects PostgreSQL; anything else is a file path.
enum StoreLocation: CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// `--database` (or SWITCHYARD_DATABASE), whose URL may carry a password and so is read as a secret; the
    /// password comes from `--database-password-file`, the URL or PGPASSWORD.
    init(_ settings: Settings) throws {
        let text = settings.string("database", isSecret: true) ?? "./switchyard.db"
        guard PostgresLocation.isURL(text) else {
            self = .sqlite(path: text)
            return
        }
        do {
            self = .postgres(try PostgresLocation(
                url: text, passwordFile: settings.string("databasePasswordFile"), environment: settings.environment))
        } catch let error as PostgresLocationError {
            throw SettingError.invalid(key: "database", value: "postgres://…", expected: "usable: \(error)")
        }
    }

    /// The PostgreSQL database several replicas may share; nil for SQLite, which one process owns.
    var postgres: PostgresLocation? {
        if case .postgres(let location) = self { return location }
        return nil
    }

    /// Where the database is, never with a password.
    var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }
}
