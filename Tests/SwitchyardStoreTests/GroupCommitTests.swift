import Foundation
import GRDB
import Synchronization
@testable import SwitchyardStore
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    private struct Refused: Error {}

    /// Counts the transactions that commit.
    private final class CommitCounter: TransactionObserver, Sendable {
        private let count = Mutex(0)
        var commits: Int { count.withLock { $0 } }
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { count.withLock { $0 += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    @Test("writes that arrive together share a commit; one that throws leaves nothing and fails alone")
    func concurrentWritesShareCommits() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "switchyard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appending(path: "switchyard.db").path)
        defer { try? database.close() }
        try await database.write { db in
            try db.execute(sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        }
        let counter = CommitCounter()
        database.writer.add(transactionObserver: counter, extent: .databaseLifetime)

        let writes = 200
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for id in 0..<writes {
                group.addTask {
                    do {
                        try await database.write { db in
                            try db.execute(sql: "INSERT INTO probe (id, value) VALUES (?, ?)", arguments: [id, "w\(id)"])
                            if id % 3 == 0 { throw Refused() }
                        }
                        return (id, true)
                    } catch {
                        return (id, false)
                    }
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }

        let stored = try await database.read { db in try Int.fetchAll(db, sql: "SELECT id FROM probe ORDER BY id") }
        #expect(stored == (0..<writes).filter { $0 % 3 != 0 })
        #expect(outcomes.filter(\.value).keys.sorted() == stored)
        #expect(counter.commits >= 1)
        #expect(counter.commits < writes - writes / 3, "each write committed on its own: \(counter.commits) commits")
    }
}
