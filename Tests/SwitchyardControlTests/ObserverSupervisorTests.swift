import Foundation
import SwitchyardAdapters
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

/// An observer whose every stream is scripted: the first streams end at once (a source that is down), the last
/// one comes up and reports one shortage.
final class FlakyObserver: CapacityObserver, @unchecked Sendable {
    let name = "flaky"
    private let lock = NSLock()
    private var started = 0
    let failingStarts: Int
    let signal: CapacitySignal

    init(failingStarts: Int, signal: CapacitySignal) {
        self.failingStarts = failingStarts
        self.signal = signal
    }

    var starts: Int { lock.withLock { started } }

    func events() -> AsyncStream<ObserverEvent> {
        let attempt = lock.withLock {
            started += 1
            return started
        }
        let (stream, continuation) = AsyncStream.makeStream(of: ObserverEvent.self)
        if attempt <= failingStarts {
            continuation.yield(.down("connection refused (attempt \(attempt))"))
            continuation.finish()
        } else {
            continuation.yield(.up)
            continuation.yield(.signal(signal))
        }
        return stream
    }
}

@Suite("Observer supervision")
struct ObserverSupervisorTests {
    typealias F = FailoverFixtures

    static let quickRestarts = RetryPolicy(baseDelay: .milliseconds(5), maxDelay: .milliseconds(20))

    @Test("an observer whose stream keeps ending is started again, with its state and restarts kept, until it watches")
    func restartsUntilWatching() async throws {
        let health = ObserverHealth()
        let observer = FlakyObserver(failingStarts: 3, signal: F.shortage("amd-neuron", at: F.t0))
        let supervisor = ObserverSupervisor(observer: observer, health: health, backoff: Self.quickRestarts)
        let reported = SignalBox()
        let running = Task { await supervisor.run { await reported.append($0) } }
        #expect(try await FailoverLoopTests.eventually { await reported.signals.count == 1 })
        running.cancel()
        await running.value

        #expect(observer.starts == 4)
        let entry = try #require(health.snapshot().first)
        #expect(entry.observer == "flaky")
        #expect(entry.state == .watching)
        #expect(entry.restarts == 3)
        #expect(entry.lastError == nil)
        #expect(entry.lastSignalAt != nil)
        #expect(await reported.signals.map(\.pool) == ["amd-neuron"])
    }

    @Test("a retrying observer counts as down only after the threshold, from the first failure of the outage")
    func downThreshold() {
        let health = ObserverHealth()
        health.starting("karpenter-events", at: F.t0)
        health.watching("karpenter-events", at: F.t0)
        health.retrying("karpenter-events", error: "503", at: F.t0.addingTimeInterval(10))
        health.retrying("karpenter-events", error: "connection refused", at: F.t0.addingTimeInterval(40))
        #expect(health.down(longerThan: 60, at: F.t0.addingTimeInterval(69)).isEmpty)
        let down = health.down(longerThan: 60, at: F.t0.addingTimeInterval(71))
        #expect(down.map(\.observer) == ["karpenter-events"])
        #expect(down.first?.since == F.t0.addingTimeInterval(10))
        #expect(down.first?.lastError == "connection refused")
        health.watching("karpenter-events", at: F.t0.addingTimeInterval(80))
        #expect(health.down(longerThan: 0, at: F.t0.addingTimeInterval(500)).isEmpty)
    }

    @Test("after a watch outage whose reconnects all fail, the Karpenter observer is restarted, catches up on the shortage recorded meanwhile, and reacts to the next")
    func karpenterObserverSurvivesWatchOutage() async throws {
        let nodeClaims = ResourcePath(group: "karpenter.sh", version: "v1", resource: "nodeclaims")
        try await withFakeCluster(retryPolicy: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))) {
            server, client in
            let health = ObserverHealth()
            let observer = KarpenterEventObserver(kubernetes: client, knownPools: ["amd-neuron", "amd-nvidia"])
            let supervisor = ObserverSupervisor(observer: observer, health: health, backoff: Self.quickRestarts)
            let reported = SignalBox()
            let running = Task { await supervisor.run { await reported.append($0) } }
            defer { running.cancel() }
            #expect(try await FailoverLoopTests.eventually { await server.store.openWatchCount > 0 })
            #expect(health.snapshot().first?.state == .watching)

            // The watch ends and every reconnect (and the relists after it) fails for a while.
            await server.injectFaults(40, status: 503)
            await server.store.closeWatches()
            #expect(try await FailoverLoopTests.eventually { health.snapshot().first?.state == .retrying })
            // A shortage is recorded while the observer cannot watch.
            _ = try await server.store.put(
                .object([
                    .init("apiVersion", .string("karpenter.sh/v1")), .init("kind", .string("NodeClaim")),
                    .init("metadata", .object([.init("name", .string("amd-nvidia-x1")),
                                               .init("labels", .object([.init("karpenter.sh/nodepool", .string("amd-nvidia"))]))])),
                ]),
                at: nodeClaims.named("amd-nvidia-x1"))
            _ = try await server.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "NodeClaim", namespace: nil, name: "amd-nvidia-x1"),
                reason: KarpenterEventObserver.reason, message: "insufficient capacity")
            #expect(await server.store.openWatchCount == 0)

            // The faults run out; the supervisor's restart relists, reports the missed shortage and watches again.
            #expect(try await FailoverLoopTests.eventually { await reported.signals.map(\.pool) == ["amd-nvidia"] })
            #expect(try await FailoverLoopTests.eventually { health.snapshot().first?.state == .watching })
            #expect(try await FailoverLoopTests.eventually { await server.store.openWatchCount > 0 })
            #expect((health.snapshot().first?.restarts ?? 0) >= 1)

            _ = try await server.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "NodeClaim", namespace: nil, name: "amd-neuron-y2"),
                reason: KarpenterEventObserver.reason, message: "could not launch nodeclaim for nodepool \"amd-neuron\"")
            #expect(try await FailoverLoopTests.eventually { await reported.signals.map(\.pool) == ["amd-nvidia", "amd-neuron"] })
        }
    }
}

/// Signals a supervisor reported, in order.
actor SignalBox {
    private(set) var signals: [CapacitySignal] = []

    func append(_ signal: CapacitySignal) {
        signals.append(signal)
    }
}
