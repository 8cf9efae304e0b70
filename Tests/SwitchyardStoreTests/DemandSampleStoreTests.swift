import Foundation
import Synchronization
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// A clock the test sets by hand.
final class SettableClock: Sendable {
    private let time: Mutex<Date>

    init(_ start: Date) { time = Mutex(start) }

    func now() -> Date { time.withLock { $0 } }

    func advance(by seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("Demand samples")
struct DemandSampleStoreTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func database(clock: SettableClock = SettableClock(start)) async throws -> AppDatabase {
        let database = try AppDatabase.inMemory(clock: { clock.now() })
        _ = try await database.put(Fixtures.model, context: Fixtures.context)
        return database
    }

    static func sample(_ secondsAfterStart: TimeInterval, _ rps: Double, source: String = "prometheus") -> DemandSample {
        DemandSample(model: "sd21", observedAt: start.addingTimeInterval(secondsAfterStart), rps: rps, source: source)
    }

    @Test("samples come back oldest first, to the millisecond; the same instant and source replaces the rate")
    func appendAndList() async throws {
        let database = try await Self.database()
        let stored = try await database.appendDemandSamples([
            Self.sample(-59.9996, 100), Self.sample(-30, 120), Self.sample(-30, 500, source: "operator"),
        ])
        #expect(stored[0].observedAt == Self.start.addingTimeInterval(-60))
        try await database.appendDemandSamples([Self.sample(-30, 130)])

        let listed = try await database.demandSamples(model: "sd21")
        #expect(listed.map(\.rps) == [100, 500, 130])
        #expect(listed.map(\.source) == ["prometheus", "operator", "prometheus"])
        #expect(listed.first == stored.first)
    }

    @Test("since and limit select a window, and the newest samples are the ones kept")
    func sinceAndLimit() async throws {
        let database = try await Self.database()
        try await database.appendDemandSamples((1...10).map { Self.sample(Double(-600 + $0 * 10), Double($0)) })

        let newest = try await database.demandSamples(model: "sd21", limit: 3)
        #expect(newest.map(\.rps) == [8, 9, 10])
        let recent = try await database.demandSamples(model: "sd21", since: Self.start.addingTimeInterval(-550))
        #expect(recent.map(\.rps) == [5, 6, 7, 8, 9, 10])
        let both = try await database.demandSamples(model: "sd21", since: Self.start.addingTimeInterval(-550), limit: 2)
        #expect(both.map(\.rps) == [9, 10])
    }

    @Test("a sample outside its bounds is refused naming the field, and nothing is stored",
          arguments: [
              (DemandSample(model: "sd21", observedAt: DemandSampleStoreTests.start, rps: -1, source: "operator"), "rps"),
              (DemandSample(model: "sd21", observedAt: DemandSampleStoreTests.start, rps: .nan, source: "operator"), "rps"),
              (DemandSample(model: "sd21", observedAt: DemandSampleStoreTests.start, rps: .infinity, source: "operator"), "rps"),
              (DemandSample(model: "sd21", observedAt: DemandSampleStoreTests.start, rps: 10_000_001, source: "operator"), "rps"),
              (DemandSample(model: "sd21", observedAt: DemandSampleStoreTests.start.addingTimeInterval(301), rps: 1, source: "operator"), "observedAt"),
              (DemandSample(model: "sd21", observedAt: DemandSampleStoreTests.start.addingTimeInterval(-9 * 86_400), rps: 1, source: "operator"), "observedAt"),
              (DemandSample(model: "sd21", observedAt: DemandSampleStoreTests.start, rps: 1, source: "guess"), "source"),
          ])
    func refusesOutOfBounds(sample: DemandSample, field: String) async throws {
        let database = try await Self.database()
        await #expect(throws: StoreError.invalid(sample.violations(at: Self.start, retentionSeconds: 8 * 86_400))) {
            try await database.appendDemandSamples([sample], context: Fixtures.context)
        }
        #expect(sample.violations(at: Self.start, retentionSeconds: 8 * 86_400).map(\.field) == [field])
        #expect(try await database.demandSamples(model: "sd21").isEmpty)
        #expect(try await database.auditEvents(AuditFilter(kind: .demand)).items.isEmpty)
    }

    @Test("the bounds themselves are accepted: 0 and 10,000,000 rps, five minutes ahead")
    func acceptsBounds() async throws {
        let database = try await Self.database()
        let stored = try await database.appendDemandSamples([Self.sample(0, 0), Self.sample(300, 10_000_000)])
        #expect(stored.map(\.rps) == [0, 10_000_000])
    }

    @Test("an unknown model is not found, for writes and reads, and nothing is stored")
    func unknownModel() async throws {
        let database = try await Self.database()
        let stray = DemandSample(model: "nope", observedAt: Self.start, rps: 1, source: "operator")
        await #expect(throws: StoreError.notFound(kind: .model, name: "nope")) {
            try await database.appendDemandSamples([Self.sample(0, 5), stray])
        }
        await #expect(throws: StoreError.notFound(kind: .model, name: "nope")) {
            try await database.demandSamples(model: "nope")
        }
        #expect(try await database.demandSamples(model: "sd21").isEmpty)
    }

    @Test("an append prunes the model's samples older than the retention")
    func prunesOnAppend() async throws {
        let clock = SettableClock(Self.start)
        let database = try await Self.database(clock: clock)
        try await database.appendDemandSamples([Self.sample(-100, 1), Self.sample(0, 2)])
        clock.advance(by: AppDatabase.defaultDemandRetention - 50)
        // Still there until something is appended: pruning happens on append.
        #expect(try await database.demandSamples(model: "sd21").count == 2)

        try await database.appendDemandSamples([
            DemandSample(model: "sd21", observedAt: clock.now(), rps: 3, source: "prometheus"),
        ])
        #expect(try await database.demandSamples(model: "sd21").map(\.rps) == [2, 3])

        try await database.appendDemandSamples(
            [DemandSample(model: "sd21", observedAt: clock.now(), rps: 4, source: "operator")], retention: 10)
        #expect(try await database.demandSamples(model: "sd21").map(\.rps).sorted() == [3, 4])
    }

    @Test("an operator's report is audited; polled samples are not")
    func audit() async throws {
        let database = try await Self.database()
        try await database.appendDemandSamples([Self.sample(-10, 7)])
        #expect(try await database.auditEvents(AuditFilter(kind: .demand)).items.isEmpty)

        try await database.appendDemandSamples([Self.sample(0, 42, source: "operator")], context: Fixtures.context)
        let events = try await database.auditEvents(AuditFilter(kind: .demand)).items
        #expect(events.map(\.action) == [.report])
        #expect(events.first?.name == "sd21")
        #expect(events.first?.actor == "alice")
        #expect(events.first?.after?.contains("\"rps\":42") == true)
        #expect(try await database.verifyAuditChain().valid)
    }

    @Test("deleting the model deletes its samples")
    func cascadesWithModel() async throws {
        let database = try await Self.database()
        try await database.appendDemandSamples([Self.sample(0, 5)])
        try await database.delete(ServedModel.self, named: "sd21", context: Fixtures.context)
        _ = try await database.put(Fixtures.model, context: Fixtures.context)
        #expect(try await database.demandSamples(model: "sd21").isEmpty)
    }
}
