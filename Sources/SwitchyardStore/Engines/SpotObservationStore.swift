import SwitchyardCore

/// Observed spot node-hours and reclaims per pool and instance family (``SpotObservation``), as both engines keep
/// them. Observations, not changes to what Switchyard runs: the reclaim's warning is audited where it is handled.
public protocol SpotObservationStore: Sendable {
    /// Adds node-hours to each (pool, family) named.
    func addSpotNodeHours(_ hours: [SpotObservation]) async throws
    /// Counts one reclaim of a spot node of `family` in `pool`.
    func countSpotInterruption(pool: String, family: String) async throws
    /// Every observation, by pool and family.
    func spotObservations() async throws -> [SpotObservation]
}
