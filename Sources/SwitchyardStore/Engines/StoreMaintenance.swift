/// What the service asks of its database beyond the data: the schema applied, its size, closing it.
public protocol StoreMaintenance: Sendable {
    /// Identifiers of the migrations recorded as applied, in order.
    func appliedMigrations() async throws -> [String]
    /// Bytes the database occupies, as the engine counts them.
    func databaseSizeBytes() async throws -> Int64
    /// Closes every connection; later calls fail.
    func close() async throws
}
