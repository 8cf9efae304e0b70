import GRDB
import SwitchyardCore

extension PostgresDatabase: SpotObservationStore {
    public func addSpotNodeHours(_ hours: [SpotObservation]) async throws {
        let time = now().text
        try await write { session in
            for seen in hours where seen.nodeHours.isFinite && seen.nodeHours > 0 {
                try await session.execute(
                    """
                    INSERT INTO spot_observations (pool, family, node_hours, interruptions, updated_at)
                    VALUES ($1, $2, $3, 0, $4)
                    ON CONFLICT (pool, family) DO UPDATE
                        SET node_hours = spot_observations.node_hours + excluded.node_hours, updated_at = excluded.updated_at
                    """,
                    [seen.pool, seen.family, seen.nodeHours, time])
            }
        }
    }

    public func countSpotInterruption(pool: String, family: String) async throws {
        let time = now().text
        try await write { session in
            try await session.execute(
                """
                INSERT INTO spot_observations (pool, family, node_hours, interruptions, updated_at)
                VALUES ($1, $2, 0, 1, $3)
                ON CONFLICT (pool, family) DO UPDATE
                    SET interruptions = spot_observations.interruptions + 1, updated_at = excluded.updated_at
                """,
                [pool, family, time])
        }
    }

    public func spotObservations() async throws -> [SpotObservation] {
        try await read { session in
            try await session.rows("SELECT * FROM spot_observations ORDER BY pool, family").map { row in
                SpotObservation(
                    pool: row["pool"], family: row["family"], nodeHours: row["node_hours"],
                    interruptions: Int(row["interruptions"] as Int64))
            }
        }
    }
}
