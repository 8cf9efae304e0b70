/// The SQLite engine: the operations every engine offers are ``AppDatabase``'s own.
extension AppDatabase: ResourceStore, TokenStore, AuditStore, FailoverStore, AppliedStateStore, DemandStore,
    AdaptiveStore, RolloutStore, BenchmarkStore, FleetDocumentStore, StoreMaintenance {}
