import GRDB
import SwitchyardCore

extension StoreError {
    /// Maps a constraint failure that got past the explicit checks to a typed error; other errors pass through.
    static func mapping(_ error: any Error) -> any Error {
        guard let databaseError = error as? DatabaseError, databaseError.resultCode == .SQLITE_CONSTRAINT else {
            return error
        }
        let message = databaseError.message ?? "constraint failed"
        switch databaseError.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return StoreError.conflict(message)
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return StoreError.conflict("a referenced resource is missing or still referenced: \(message)")
        case .SQLITE_CONSTRAINT_TRIGGER:
            return StoreError.conflict(message)
        default:
            return StoreError.invalid([FieldViolation(field: field(in: message), message: message)])
        }
    }

    /// The column a CHECK or NOT NULL message names (`CHECK constraint failed: k8s_port BETWEEN ...`,
    /// `NOT NULL constraint failed: units.image`), spelled as the domain's camelCase JSON key.
    private static func field(in message: String) -> String {
        guard let colon = message.firstIndex(of: ":") else { return "" }
        let detail = message[message.index(after: colon)...].drop { $0 == " " }
        let identifier = detail.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        let column = identifier.split(separator: ".").last.map(String.init) ?? ""
        let words = column.split(separator: "_")
        guard let first = words.first else { return "" }
        return String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
