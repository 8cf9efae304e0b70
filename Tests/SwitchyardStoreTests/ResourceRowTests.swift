import Foundation
import GRDB
import SwitchyardCore
import Testing

@testable import SwitchyardStore

@Suite("Fleet resources as rows")
struct ResourceRowTests {
    @Test("an update keeps the creation time, clears what the value leaves out, and rewrites the children")
    func updateRow() async throws {
        let steps = TimeSteps(start: Date(timeIntervalSince1970: 1_700_000_000))
        let database = try AppDatabase.inMemory(clock: { steps.next() })
        let context = Fixtures.context
        _ = try await database.put(Fixtures.model, context: context)
        _ = try await database.put(Fixtures.g5, context: context)
        _ = try await database.put(Fixtures.nvidiaPool, context: context)
        let created = try await database.put(Fixtures.g5Unit, context: context).stored

        var unit = Fixtures.g5Unit
        unit.targetGroupARN = nil
        unit.manualBreakingPointRPS = nil
        let updated = try await database.put(unit, context: context).stored
        #expect(updated.createdAt == created.createdAt)
        #expect(updated.updatedAt > created.updatedAt)
        let read = try await database.get(DeploymentUnit.self, named: unit.name)
        #expect(read.value == unit)
        #expect(read.createdAt == created.createdAt)
        #expect(read.updatedAt == updated.updatedAt)

        var g5 = Fixtures.g5
        g5.prices = [InstancePrice(region: "eu-west-1", capacityType: .spot, hourlyUSD: 0.4), g5.prices[0]]
        _ = try await database.put(g5, context: context)
        #expect(try await database.get(InstanceType.self, named: g5.name).value.prices == g5.prices)
    }

    @Test("list-valued columns hold canonical JSON, slashes unescaped, and enum columns their raw values")
    func columnText() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        let columns = try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT taints, capacity_types, consolidation_policy FROM pools WHERE name = 'amd-neuron'"
            ).map { row -> [String] in [row["taints"], row["capacity_types"], row["consolidation_policy"]] }
        }
        #expect(
            columns == [
                #"[{"effect":"NoSchedule","key":"aws.amazon.com/neuron"}]"#, #"["on-demand","spot"]"#,
                "WhenEmptyOrUnderutilized",
            ])
    }
}
