import GRDB
import SwitchyardCore

extension AppDatabase: SpotObservationStore {
    public func addSpotNodeHours(_ hours: [SpotObservation]) async throws {
        let time = now().text
        try await write { db in
            for seen in hours where seen.nodeHours.isFinite && seen.nodeHours > 0 {
                try db.execute(
                    sql: """
                        INSERT INTO spot_observations (pool, family, node_hours, interruptions, updated_at)
                        VALUES (?, ?, ?, 0, ?)
                        ON CONFLICT (pool, family) DO UPDATE SET node_hours = node_hours + excluded.node_hours,
                            updated_at = excluded.updated_at
                        """,
                    arguments: [seen.pool, seen.family, seen.nodeHours, time])
            }
        }
    }

    public func countSpotInterruption(pool: String, family: String) async throws {
        let time = now().text
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO spot_observations (pool, family, node_hours, interruptions, updated_at)
                    VALUES (?, ?, 0, 1, ?)
                    ON CONFLICT (pool, family) DO UPDATE SET interruptions = interruptions + 1,
                        updated_at = excluded.updated_at
                    """,
                arguments: [pool, family, time])
        }
    }

    public func spotObservations() async throws -> [SpotObservation] {
        try await spotObservationCache.value(for: 0) {
            try await self.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM spot_observations ORDER BY pool, family").map { row in
                    SpotObservation(
                        pool: row["pool"], family: row["family"], nodeHours: row["node_hours"],
                        interruptions: row["interruptions"])
                }
            }
        } ?? []
    }
}
