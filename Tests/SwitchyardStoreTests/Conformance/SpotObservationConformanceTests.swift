import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Observed spot node-hours and reclaims add up the same on both engines.
@Suite("Conformance: spot observations")
struct SpotObservationConformanceTests {
    @Test("node-hours and reclaims add up per pool and family", arguments: StoreEngine.allCases)
    func addUp(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = try #require(open.store as? any SpotObservationStore)
        #expect(try await store.spotObservations().isEmpty)
        try await store.addSpotNodeHours([
            SpotObservation(pool: "amd-neuron", family: "inf2", nodeHours: 1.5),
            SpotObservation(pool: "amd-neuron", family: "trn1", nodeHours: 0.25),
            SpotObservation(pool: "amd-nvidia", family: "g5", nodeHours: 0),
        ])
        try await store.addSpotNodeHours([SpotObservation(pool: "amd-neuron", family: "inf2", nodeHours: 0.5)])
        try await store.countSpotInterruption(pool: "amd-neuron", family: "inf2")
        try await store.countSpotInterruption(pool: "amd-neuron", family: "inf2")
        try await store.countSpotInterruption(pool: "amd-nvidia", family: "g5")
        #expect(try await store.spotObservations() == [
            SpotObservation(pool: "amd-neuron", family: "inf2", nodeHours: 2, interruptions: 2),
            SpotObservation(pool: "amd-neuron", family: "trn1", nodeHours: 0.25, interruptions: 0),
            SpotObservation(pool: "amd-nvidia", family: "g5", nodeHours: 0, interruptions: 1),
        ])
        try await open.close()
    }
}
