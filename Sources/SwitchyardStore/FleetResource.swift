import Foundation
import GRDB
import SwitchyardCore

/// A named fleet resource the store can get, list, put and delete, and how it maps to its table: a GRDB record
/// is the row, and the conversions both ways are the only mapping code. Each conforming type lives in
/// `Type+Table.swift`; the generic operations over any of them are in `FleetResource+Table.swift`.
package protocol FleetResource: Codable, Sendable, Equatable {
    /// The row of the resource's table.
    associatedtype Record: ResourceRecord

    static var kind: ResourceKind { get }
    /// Where the committed fleet holds this kind's resources.
    static var committed: KeyPath<CommittedFleet, StoredResources<Self>> { get }
    var name: String { get }
    /// The model and pool a listing's ``ResourceFilter`` compares with this value; nil for kinds that ignore filters.
    var filterKeys: ResourceFilter? { get }

    /// The value a row holds, with its child rows, if any.
    static func value(from record: Record, in db: Database) throws -> Self
    /// The row that holds this value (its child rows are written by `saveChildren`).
    func record(createdAt: String, updatedAt: String) -> Record
    /// Replaces child rows (prices) after the main row is written.
    func saveChildren(in db: Database) throws
    /// What still refers to the resource named `name`, blocking its deletion.
    static func referrers(of name: String, in db: Database) throws -> [ResourceRef]
    /// The domain rules, from the pure validator.
    var fieldViolations: [FieldViolation] { get }
    /// References to other resources that do not exist, named by field.
    func unresolvedReferences(in db: Database) throws -> [FieldViolation]
    /// Rules across resources the value breaks, named by field: what another stored resource already holds.
    func conflicts(in db: Database) throws -> [FieldViolation]
    /// A listing's extra condition for `filter`, or nil when the kind ignores filters.
    static func condition(for filter: ResourceFilter) -> SQLExpression?

    // The same on PostgreSQL (`Type+PostgresTable.swift`), where a statement is a round trip.

    static func value(from record: Record, on session: PostgresSession) async throws -> Self
    func saveChildren(on session: PostgresSession) async throws
    static func referrers(of name: String, on session: PostgresSession) async throws -> [ResourceRef]
    func unresolvedReferences(on session: PostgresSession) async throws -> [FieldViolation]
    func conflicts(on session: PostgresSession) async throws -> [FieldViolation]
    static func postgresCondition(for filter: ResourceFilter, parametersFrom first: Int) -> PostgresCondition?
}

/// A row of a fleet table: the resource's columns, named in snake case, and its timestamps (RFC 3339 text).
package protocol ResourceRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    var createdAt: String { get }
    var updatedAt: String { get }
}

extension ResourceRecord {
    package static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { SnakeCaseColumns.strategy }
    package static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
    /// List-valued columns hold canonical JSON, the form the store writes everywhere.
    package static func databaseJSONEncoder(for column: String) -> JSONEncoder { CanonicalJSON.encoder() }
}
