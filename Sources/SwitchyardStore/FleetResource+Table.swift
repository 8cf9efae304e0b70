import GRDB
import SwitchyardCore

extension FleetResource {
    package func saveChildren(in db: Database) throws {}
    package static func referrers(of name: String, in db: Database) throws -> [ResourceRef] { [] }
    package func unresolvedReferences(in db: Database) throws -> [FieldViolation] { [] }
    package func conflicts(in db: Database) throws -> [FieldViolation] { [] }
    package static func condition(for filter: ResourceFilter) -> SQLExpression? { nil }
    package var filterKeys: ResourceFilter? { nil }

    static func stored(from record: Record, in db: Database) throws -> Stored<Self> {
        let value = try value(from: record, in: db)
        return Stored(
            value: value, etag: try CanonicalJSON.etag(value), createdAt: try Timestamp.date(record.createdAt),
            updatedAt: try Timestamp.date(record.updatedAt))
    }

    static func fetchRecord(named name: String, in db: Database) throws -> Record? {
        try Record.fetchOne(db, key: name)
    }

    static func fetchStored(named name: String, in db: Database) throws -> Stored<Self>? {
        try fetchRecord(named: name, in: db).map { try stored(from: $0, in: db) }
    }

    /// A page as the database lists it; the committed fleet's listings (``StoredResources``) are held to it in tests.
    static func fetchPage(filter: ResourceFilter, after key: String?, limit: Int, in db: Database) throws
        -> (items: [Stored<Self>], hasMore: Bool)
    {
        var request = Record.order(Column("name")).limit(limit + 1)
        if let key { request = request.filter(Column("name") > key) }
        if let condition = condition(for: filter) { request = request.filter(condition) }
        let records = try request.fetchAll(db)
        return (try records.prefix(limit).map { try stored(from: $0, in: db) }, records.count > limit)
    }

    static func fetchAllValues(in db: Database) throws -> [Self] {
        try Record.order(Column("name")).fetchAll(db).map { try value(from: $0, in: db) }
    }

    /// Every resource of the kind in name order, with its row's timestamps.
    static func fetchAllStored(in db: Database) throws -> StoredResources<Self> {
        var values: [Self] = []
        var times: [StoredResources<Self>.Times] = []
        for record in try Record.order(Column("name")).fetchAll(db) {
            values.append(try value(from: record, in: db))
            times.append(.init(createdAt: record.createdAt, updatedAt: record.updatedAt))
        }
        return StoredResources(values: values, times: times)
    }

    static func allNames(in db: Database) throws -> Set<String> {
        try String.fetchSet(db, Record.select(Column("name")))
    }

    /// Inserts the row, or updates it keeping its `created_at`, then writes its children.
    func write(at time: String, replacing existing: Record?, in db: Database) throws {
        let row = record(createdAt: existing?.createdAt ?? time, updatedAt: time)
        if existing == nil { try row.insert(db) } else { try row.update(db) }
        try saveChildren(in: db)
    }

    static func deleteRow(named name: String, in db: Database) throws {
        try Record.deleteOne(db, key: name)
    }
}
