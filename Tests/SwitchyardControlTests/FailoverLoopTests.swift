import Foundation
import SwitchyardAdapters
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// Signals a test hands to the loop as if an observer had seen them.
final class ScriptedObserver: CapacityObserver {
    let name = "scripted"
    let stream: AsyncStream<CapacitySignal>
    let continuation: AsyncStream<CapacitySignal>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: CapacitySignal.self)
    }

    func events() -> AsyncStream<ObserverEvent> {
        let (events, continuation) = AsyncStream.makeStream(of: ObserverEvent.self)
        let task = Task {
            for await signal in stream { continuation.yield(.signal(signal)) }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return events
    }
}

@Suite("Failover loop")
struct FailoverLoopTests {
    typealias F = FailoverFixtures

    /// Polls `condition` for up to five seconds of real time.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<500 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test("an observer's shortage switches at once; after recovery the periodic pass switches back once the hold time has passed")
    func observeSwitchAndSwitchBack() async throws {
        let harness = try await FailoverHarness.make(settings: FailoverSettings(holdTime: 60, minimumDwell: 10))
        let clock = ManualClock()
        let time = TestTime(F.t0)
        let observer = ScriptedObserver()
        let loop = FailoverLoop(
            controller: harness.controller, observers: [observer], interval: .seconds(5), clock: clock, now: { time.now })
        let running = Task { await loop.runUntilCancelled() }

        observer.continuation.yield(F.shortage("amd-neuron", at: time.now))
        #expect(try await Self.eventually { try await harness.failoverAudit(action: .switch).count == 1 })
        let capacity = try await harness.expectedWeights("sd21", .capacity, shortPools: ["amd-neuron"])
        #expect(try await harness.liveWeights(F.sd21Listener) == capacity)
        let signals = try await harness.database.auditEvents(AuditFilter(kind: .capacitySignal)).items
        #expect(signals.map(\.actor) == ["observer:scripted"])

        time.advance(by: 20)
        observer.continuation.yield(F.recovery("amd-neuron", at: time.now))
        #expect(try await Self.eventually { try await harness.database.pendingCapacitySignals().isEmpty })
        #expect(try await harness.failoverAudit(action: .switch).count == 1)

        // The hold time passes with no signal: only the periodic pass can notice.
        time.advance(by: 60)
        #expect(try await Self.eventually { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(5))
        #expect(try await Self.eventually { try await harness.failoverAudit(action: .switch).count == 2 })
        #expect(try await harness.liveWeights(F.sd21Listener) == (try await harness.expectedWeights("sd21", .cost)))

        running.cancel()
        await running.value
        #expect(clock.sleeperCount == 0)
    }

    @Test("an operator's report through the controller wakes the loop")
    func operatorReportWakesLoop() async throws {
        let harness = try await FailoverHarness.make()
        let clock = ManualClock()
        let loop = FailoverLoop(controller: harness.controller, interval: .seconds(3600), clock: clock, now: { F.t0 })
        let running = Task { await loop.runUntilCancelled() }

        try await harness.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)

        #expect(try await Self.eventually { try await harness.failoverAudit(action: .switch).count == 1 })
        running.cancel()
        await running.value
    }
}
