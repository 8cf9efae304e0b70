import Foundation
import SwitchyardAdapters
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Demand poller")
struct DemandPollerTests {
    static let context = ChangeContext(actor: "test", requestID: "setup")

    static func database(models: [String]) async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        for name in models {
            let model = ServedModel(
                name: name,
                slo: ServiceLevelObjective(latencyPercentile: .p95, latencyThresholdMs: 900, maxUtilization: 0.8))
            _ = try await database.put(model, context: context)
        }
        return database
    }

    /// Polls `condition` for up to five seconds of real time.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<500 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test("a poll asks every source about every registered model and stores what they answer, unaudited")
    func pollStores() async throws {
        let database = try await Self.database(models: ["llama", "sd21"])
        // Samples of the same source kind at the same instant replace each other, so the two observe a second apart.
        let now = Date()
        let first = InMemoryDemandSource(name: "first", now: { now.addingTimeInterval(-1) })
        let second = InMemoryDemandSource(name: "second", now: { now })
        first.set(.rate(120), for: "sd21")
        first.set(.rate(7.5), for: "llama")
        second.set(.rate(0), for: "sd21")
        let poller = DemandPoller(database: database, sources: [first, second])

        let report = await poller.pollOnce()
        #expect(report.stored.map(\.rps).sorted() == [0, 7.5, 120])
        #expect(report.empty == 1)
        #expect(report.failures.isEmpty)
        #expect(Set(first.asked) == ["llama", "sd21"])
        #expect(Set(second.asked) == ["llama", "sd21"])
        #expect(try await database.demandSamples(model: "sd21").map(\.rps).sorted() == [0, 120])
        #expect(try await database.demandSamples(model: "llama").map(\.rps) == [7.5])
        #expect(try await database.auditEvents(AuditFilter(kind: .demand)).items.isEmpty)
    }

    @Test("a failing source, or a rate the store refuses, is reported per model and does not stop the others")
    func failuresStayLocal() async throws {
        let database = try await Self.database(models: ["llama", "sd21"])
        let source = InMemoryDemandSource(name: "scripted")
        source.set(.failure("connection refused"), for: "llama")
        source.set(.rate(-3), for: "sd21")
        let healthy = InMemoryDemandSource(name: "healthy")
        healthy.set(.rate(50), for: "llama")

        let report = await DemandPoller(database: database, sources: [source, healthy]).pollOnce()
        #expect(report.failures.map(\.model) == ["llama", "sd21"])
        #expect(report.failures.map(\.source) == ["scripted", "scripted"])
        #expect(report.failures[0].message == "connection refused")
        #expect(report.failures[1].message.contains("rps"))
        #expect(report.stored.map(\.rps) == [50])
    }

    @Test("the loop polls at start and every interval, and keeps polling through failures until cancelled")
    func loopNeverGivesUp() async throws {
        let database = try await Self.database(models: ["sd21"])
        let source = InMemoryDemandSource(name: "flaky")
        source.set(.failure("timeout"), for: "sd21")
        let clock = ManualClock()
        let poller = DemandPoller(database: database, sources: [source], interval: .seconds(60), clock: clock)
        let running = Task { await poller.runUntilCancelled() }

        #expect(try await Self.eventually { source.asked.count == 1 && clock.sleeperCount == 1 })
        clock.advance(by: .seconds(60))
        #expect(try await Self.eventually { source.asked.count == 2 && clock.sleeperCount == 1 })
        #expect(try await database.demandSamples(model: "sd21").isEmpty)

        source.set(.rate(42), for: "sd21")
        clock.advance(by: .seconds(60))
        #expect(try await Self.eventually { try await database.demandSamples(model: "sd21").map(\.rps) == [42] })

        running.cancel()
        await running.value
        #expect(source.asked.count == 3)
    }
}
