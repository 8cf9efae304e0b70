import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// The registered fleet as the observers see it: the store's committed fleet, on either engine.
public struct StoreFleetView: FleetView {
    let store: any FleetDocumentStore

    public init(store: any FleetDocumentStore) {
        self.store = store
    }

    public func currentFleet() async throws -> Fleet {
        try await store.fleetSnapshot()
    }
}
