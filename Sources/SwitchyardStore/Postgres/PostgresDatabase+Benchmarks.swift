import Foundation
import GRDB
import SwitchyardCore

extension PostgresDatabase: BenchmarkStore {
    public func appendBenchmarkRun(_ run: BenchmarkRun, context: ChangeContext) async throws -> BenchmarkRun {
        let violations = FleetValidator.violations(of: run)
        guard violations.isEmpty else { throw StoreError.invalid(violations) }
        let time = now()
        return try await write { session in
            try await Self.requireUnit(run.unit, on: session)
            return try await Self.insertRun(run, context: context, at: time, on: session)
        }
    }

    public func benchmarkRuns(unit: String) async throws -> [BenchmarkRun] {
        try await read { session in
            try await Self.requireUnit(unit, on: session)
            return try await PostgresBenchmarkRunTable.runs(unit: unit, on: session)
        }
    }

    public func deleteBenchmarkRun(unit: String, id: Int64, context: ChangeContext) async throws {
        let time = now()
        try await write { session in
            let name = BenchmarkRun.referenceName(unit: unit, id: id)
            guard let run = try await PostgresBenchmarkRunTable.run(unit: unit, id: id, on: session) else {
                throw StoreError.notFound(kind: .benchmark, name: name)
            }
            try await PostgresBenchmarkRunTable.delete(id: id, on: session)
            try await PostgresAuditLog.appendChange(
                action: .delete, kind: .benchmark, name: name, before: run, after: BenchmarkRun?.none,
                context: context, at: time, on: session)
        }
    }

    /// `notFound` unless the unit exists (a deletion racing the insert fails on the foreign key instead).
    static func requireUnit(_ unit: String, on session: PostgresSession) async throws {
        guard try await session.row("SELECT 1 AS found FROM units WHERE name = $1", [unit]) != nil else {
            throw StoreError.notFound(kind: .unit, name: unit)
        }
    }

    static func insertRun(
        _ run: BenchmarkRun, context: ChangeContext, at time: (text: String, date: Date), on session: PostgresSession
    ) async throws -> BenchmarkRun {
        let stored = try await PostgresBenchmarkRunTable.insert(run, at: time.text, on: session)
        try await PostgresAuditLog.appendChange(
            action: .create, kind: .benchmark, name: BenchmarkRun.referenceName(unit: run.unit, id: stored.id ?? 0),
            before: BenchmarkRun?.none, after: stored, context: context, at: time, on: session)
        return stored
    }
}
