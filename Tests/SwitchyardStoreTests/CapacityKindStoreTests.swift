import Foundation
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Capacity kinds in the store")
struct CapacityKindStoreTests {
    let context = Fixtures.context

    @Test("reservations, interruption rates, a unit's kinds and pin, and a model's spot settings round-trip, export and import included")
    func roundTrip() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        var model = Fixtures.model
        model.spot = SpotSettings(maxShare: 0.75, onDemandFloor: 0.25)
        _ = try await database.put(model, context: context)
        var pool = Fixtures.neuronPool
        pool.capacityTypes = [.onDemand, .spot, .reserved]
        pool.reservation = CapacityReservation(id: "cr-0123456789abcdef0", instanceCount: 2)
        pool.spotInterruptionRates = ["inf2": 0.05, CapacityPool.anyFamily: 0.02]
        _ = try await database.put(pool, context: context)
        var unit = Fixtures.inf2Unit
        unit.capacityType = .spot
        unit.capacityTypes = [.spot]
        unit.pinCapacityType = true
        _ = try await database.put(unit, context: context)

        #expect(try await database.get(ServedModel.self, named: model.name).value == model)
        #expect(try await database.get(CapacityPool.self, named: pool.name).value == pool)
        #expect(try await database.get(DeploymentUnit.self, named: unit.name).value == unit)

        let exported = try await database.exportFleet()
        let copy = try AppDatabase.inMemory()
        _ = try await copy.importFleet(exported, dryRun: false, context: context)
        #expect(try await copy.exportFleet() == exported)
    }

    @Test("values without capacity kinds keep their defaults: one kind, no reservation, no bound on spot")
    func defaults() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        _ = try await database.put(Fixtures.inf2Unit, context: context)
        let unit = try await database.get(DeploymentUnit.self, named: Fixtures.inf2Unit.name).value
        #expect(unit.capacityTypes == [.onDemand])
        #expect(!unit.pinCapacityType)
        let pool = try await database.get(CapacityPool.self, named: Fixtures.neuronPool.name).value
        #expect(pool.reservation == nil)
        #expect(pool.spotInterruptionRates.isEmpty)
        #expect(try await database.get(ServedModel.self, named: Fixtures.model.name).value.spot == SpotSettings())
    }

    @Test("a unit asking for a kind its pool does not launch is refused, naming capacityTypes")
    func kindNotInPool() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        var unit = Fixtures.g5Unit
        unit.capacityType = .spot
        unit.capacityTypes = [.spot]
        do {
            _ = try await database.put(unit, context: context)
            Issue.record("a spot unit in a pool without spot was accepted")
        } catch let StoreError.invalid(violations) {
            #expect(violations.map(\.field) == ["capacityTypes"])
            #expect(violations.first?.message.contains("does not launch spot") == true)
        }
    }
}
