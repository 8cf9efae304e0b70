import Foundation
import GRDB
import SwitchyardCore

extension AppDatabase {
    /// Appends a load-test run to its unit (`run.unit`); `notFound` when the unit does not exist.
    public func appendBenchmarkRun(_ run: BenchmarkRun, context: ChangeContext) async throws -> BenchmarkRun {
        let violations = FleetValidator.violations(of: run)
        guard violations.isEmpty else { throw StoreError.invalid(violations) }
        return try await write { db in
            try Self.requireUnit(run.unit, in: db)
            return try Self.insertRun(run, context: context, at: self.now(), in: db)
        }
    }

    /// A unit's runs, oldest first; `notFound` when the unit does not exist.
    public func benchmarkRuns(unit: String) async throws -> [BenchmarkRun] {
        try await read { db in
            try Self.requireUnit(unit, in: db)
            return try BenchmarkRunTable.runs(unit: unit, in: db)
        }
    }

    /// Deletes one run of a unit; `notFound` when that unit has no run with that id.
    public func deleteBenchmarkRun(unit: String, id: Int64, context: ChangeContext) async throws {
        try await write { db in
            let name = BenchmarkRun.referenceName(unit: unit, id: id)
            guard let run = try BenchmarkRunTable.run(unit: unit, id: id, in: db) else {
                throw StoreError.notFound(kind: .benchmark, name: name)
            }
            try BenchmarkRunTable.delete(id: id, in: db)
            try AuditLog.appendChange(
                action: .delete, kind: .benchmark, name: name, before: run, after: BenchmarkRun?.none,
                context: context, at: self.now(), in: db)
        }
    }

    static func requireUnit(_ unit: String, in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM units WHERE name = ?)", arguments: [unit]) == true
        else { throw StoreError.notFound(kind: .unit, name: unit) }
    }

    static func insertRun(
        _ run: BenchmarkRun, context: ChangeContext, at time: (text: String, date: Date), in db: Database
    ) throws -> BenchmarkRun {
        let stored = try BenchmarkRunTable.insert(run, at: time.text, in: db)
        try AuditLog.appendChange(
            action: .create, kind: .benchmark, name: BenchmarkRun.referenceName(unit: run.unit, id: stored.id ?? 0),
            before: BenchmarkRun?.none, after: stored, context: context, at: time, in: db)
        return stored
    }
}
