/// Everything `serve` reads and writes, on either engine: the API, the loops and the pushes depend on this, and
/// the executable opens ``AppDatabase`` (SQLite) or ``PostgresDatabase`` behind it.
package typealias ServiceStore = FleetStore & FailoverStore & AppliedStateStore & DemandStore & AdaptiveStore
    & RolloutStore & BenchmarkStore & FleetDocumentStore & ApplyQueueStore & SpotObservationStore & LeadershipTermStore
    & StoreMaintenance
