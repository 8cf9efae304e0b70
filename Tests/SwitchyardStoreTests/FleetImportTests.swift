import Foundation
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Fleet import and export")
struct FleetImportTests {
    let context = Fixtures.context

    @Test("an import creates everything in dependency order with one event per change plus a summary")
    func importCreates() async throws {
        let database = try AppDatabase.inMemory()
        let report = try await database.importFleet(Fixtures.fleet, dryRun: false, context: context)
        #expect(report.created.map(\.kind) == [.model, .instanceType, .instanceType, .pool, .pool, .unit, .unit])
        #expect(report.benchmarkRunsAdded == 2)
        #expect(report.updated.isEmpty && report.unchanged.isEmpty && !report.dryRun)
        let events = try await Fixtures.allEvents(database)
        #expect(events.count == 7 + 2 + 1)
        let summary = try #require(events.last)
        #expect(summary.kind == .fleet && summary.action == .import)
        #expect(events.allSatisfy { $0.requestID == "req-1" && $0.actor == "alice" })
    }

    @Test("importing the same document twice leaves everything unchanged")
    func importTwice() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(Fixtures.fleet, dryRun: false, context: context)
        let eventsAfterFirst = try await Fixtures.allEvents(database).count
        let second = try await database.importFleet(Fixtures.fleet, dryRun: false, context: context)
        #expect(second.created.isEmpty && second.updated.isEmpty)
        #expect(second.unchanged.count == 7)
        #expect(second.benchmarkRunsAdded == 0)
        #expect(try await Fixtures.allEvents(database).count == eventsAfterFirst)
        #expect(try await database.exportFleet().benchmarks.count == 2)
    }

    @Test("one bad unit rejects the whole import and every violation is reported")
    func allOrNothing() async throws {
        let database = try AppDatabase.inMemory()
        var fleet = Fixtures.fleet
        fleet.units[1].pool = "missing-pool"
        fleet.units[0].kubernetes.port = 70000
        fleet.models[0].slo.maxErrorRate = 2
        do {
            _ = try await database.importFleet(fleet, dryRun: false, context: context)
            Issue.record("an invalid fleet was imported")
        } catch let StoreError.invalid(violations) {
            #expect(Set(violations.map(\.field)) == ["models[0].slo.maxErrorRate", "units[0].kubernetes.port", "units[1].pool"])
        }
        #expect(try await database.exportFleet() == Fleet())
        #expect(try await Fixtures.allEvents(database).isEmpty)
    }

    @Test("a dry run reports what would change and writes nothing")
    func dryRun() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.put(Fixtures.model, context: context)
        var fleet = Fixtures.fleet
        fleet.models[0].expectedDemandRPS = 400
        let report = try await database.importFleet(fleet, dryRun: true, context: context)
        #expect(report.dryRun)
        #expect(report.updated == [ResourceRef(kind: .model, name: "sd21")])
        #expect(report.created.count == 6)
        #expect(report.benchmarkRunsAdded == 2)
        #expect(try await database.exportFleet() == Fleet(models: [Fixtures.model]))
        #expect(try await Fixtures.allEvents(database).count == 1)
    }

    @Test("export, import into an empty database, export gives the identical document")
    func roundTrip() async throws {
        let source = try AppDatabase.inMemory()
        _ = try await source.importFleet(Fixtures.fleet, dryRun: false, context: context)
        let exported = try await source.exportFleet()
        #expect(exported.models.map(\.name) == ["sd21"])
        #expect(exported.units.map(\.name) == ["sd21-g5-triton", "sd21-inf2"])
        #expect(exported.benchmarks.allSatisfy { $0.id == nil })

        let target = try AppDatabase.inMemory()
        _ = try await target.importFleet(exported, dryRun: false, context: context)
        let reexported = try await target.exportFleet()
        #expect(reexported == exported)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(reexported) == encoder.encode(exported))

        let snapshot = try await target.fleetSnapshot()
        #expect(snapshot.benchmarks.allSatisfy { $0.id != nil })
        #expect(snapshot.benchmarks.map { $0.unit } == exported.benchmarks.map(\.unit))
    }
}
