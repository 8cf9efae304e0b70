import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

extension AppDatabase: FleetView {
    /// The registered fleet, read afresh.
    public func currentFleet() async throws -> Fleet {
        try await fleetSnapshot()
    }
}
