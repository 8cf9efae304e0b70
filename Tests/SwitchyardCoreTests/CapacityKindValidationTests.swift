import Foundation
import SwitchyardCore
import Testing

@Suite("Validation of capacity kinds")
struct CapacityKindValidationTests {
    static let reservation = CapacityReservation(id: "cr-0123456789abcdef0", instanceCount: 2)

    static var fleet: Fleet {
        var fleet = DemoFleet.fleet
        fleet.pools[0].capacityTypes = [.onDemand, .spot, .reserved]
        fleet.pools[0].reservation = reservation
        fleet.pools[0].spotInterruptionRates = ["inf2": 0.05, CapacityPool.anyFamily: 0.02]
        fleet.units[0].capacityTypes = [.onDemand, .spot, .reserved]
        fleet.models[0].spot = SpotSettings(maxShare: 0.75, onDemandFloor: 0.25)
        return fleet
    }

    @Test("a fleet using every kind, its reservation and rates is valid")
    func validFleet() {
        #expect(FleetValidator.violations(of: Self.fleet).isEmpty)
    }

    @Test("a spot unit in a pool without spot names the unit's capacityTypes")
    func spotUnitInOnDemandPool() {
        var fleet = DemoFleet.fleet
        fleet.units[2].capacityType = .spot
        fleet.units[2].capacityTypes = [.spot]
        let violations = FleetValidator.violations(of: fleet)
        #expect(violations.map(\.field) == ["units[2].capacityTypes"])
        #expect(violations.first?.message.contains("pool amd-nvidia does not launch spot capacity") == true)
    }

    @Test("a reserved instance count without the reservation's id names reservation.id")
    func countWithoutReservation() {
        var pool = Self.fleet.pools[0]
        pool.reservation = CapacityReservation(id: nil, instanceCount: 2)
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["reservation.id"])
        pool.reservation = CapacityReservation(id: "reservation-1", instanceCount: 0)
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["reservation.id", "reservation.instanceCount"])
    }

    @Test("reserved and a reservation go together")
    func reservedNeedsReservation() {
        var pool = Self.fleet.pools[0]
        pool.reservation = nil
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["capacityTypes"])
        pool = Self.fleet.pools[0]
        pool.capacityTypes = [.onDemand, .spot]
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["reservation"])
    }

    @Test("interruption rates are fractions of spot nodes per hour, in a pool that launches spot")
    func rates() {
        var pool = Self.fleet.pools[0]
        pool.spotInterruptionRates["trn1"] = 1.5
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["spotInterruptionRates.trn1"])
        pool = Self.fleet.pools[0]
        pool.capacityTypes = [.onDemand, .reserved]
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["spotInterruptionRates"])
    }

    @Test("instance types carry no reserved price; a unit is priced at on-demand or spot among its kinds")
    func pricedKinds() {
        var type = DemoFleet.instanceTypes[0]
        type.prices.append(InstancePrice(region: "us-west-2", capacityType: .reserved, hourlyUSD: 0.5))
        #expect(FleetValidator.violations(of: type).map(\.field) == ["prices[1].capacityType"])
        var unit = DemoFleet.units[0]
        unit.capacityType = .spot
        #expect(FleetValidator.violations(of: unit).map(\.field) == ["capacityType"])
        unit.capacityType = .reserved
        unit.capacityTypes = [.reserved]
        #expect(FleetValidator.violations(of: unit).map(\.field) == ["capacityType"])
        unit.capacityTypes = []
        unit.capacityType = .onDemand
        #expect(FleetValidator.violations(of: unit).map(\.field) == ["capacityTypes", "capacityType"])
    }

    @Test("spot settings are fractions")
    func spotSettings() {
        var model = DemoFleet.model
        model.spot = SpotSettings(maxShare: 1.2, onDemandFloor: -0.1)
        #expect(FleetValidator.violations(of: model).map(\.field) == ["spot.maxShare", "spot.onDemandFloor"])
    }

    @Test("a unit's kinds default to the one it is priced at, and decode from a document without them")
    func defaults() throws {
        let json = #"{"name":"u","model":"m","instanceType":"t","pool":"p","runtime":"r","image":"i","kubernetes":{"deployment":"u","service":"u"},"capacityTypes":["reserved","spot"]}"#
        let unit = try JSONDecoder().decode(DeploymentUnit.self, from: Data(json.utf8))
        #expect(unit.capacityType == .spot)
        #expect(unit.capacityTypes == [.reserved, .spot])
        #expect(DemoFleet.units[0].capacityTypes == [.onDemand])
        let model = try JSONDecoder().decode(ServedModel.self, from: Data(#"{"name":"m","slo":{"latencyThresholdMs":900}}"#.utf8))
        #expect(model.spot == SpotSettings(maxShare: 1, onDemandFloor: 0))
    }
}
