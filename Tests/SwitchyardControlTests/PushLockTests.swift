import Foundation
@testable import SwitchyardControl
import Testing

@Suite("Push lock")
struct PushLockTests {
    /// The order bodies started in.
    actor Order {
        private(set) var started: [String] = []
        func start(_ name: String) { started.append(name) }
    }

    @Test("pushes of disjoint models run side by side; overlapping ones wait for each other")
    func scopes() async throws {
        let lock = PushLock()
        let order = Order()
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let first = Task {
            try await lock.withLock(.models(["sd21"])) { _ in
                await order.start("sd21")
                for await _ in gate { break }
            }
        }
        #expect(try await FailoverLoopTests.eventually { await order.started == ["sd21"] })
        try await lock.withLock(.models(["llm"])) { _ in await order.start("llm") }
        let all = Task { try await lock.withLock(.all) { _ in await order.start("all") } }
        try await Task.sleep(for: .milliseconds(50))
        #expect(await order.started == ["sd21", "llm"], "a push of every model waits for sd21's")
        open.yield()
        try await first.value
        try await all.value
        #expect(await order.started == ["sd21", "llm", "all"])
    }

    @Test("a failover push queues ahead of waiting pushes and preempts a preemptible holder")
    func failoverFirst() async throws {
        let lock = PushLock()
        let order = Order()
        let drift = Task {
            try await lock.withLock(.all, preemptible: true) { preemption in
                await order.start("drift")
                // A request that would hang for a minute.
                try await preemption.run { try await Task.sleep(for: .seconds(60)) }
            }
        }
        #expect(try await FailoverLoopTests.eventually { await order.started == ["drift"] })
        let operatorApply = Task { try await lock.withLock(.all) { _ in await order.start("apply") } }
        try await Task.sleep(for: .milliseconds(20))
        // Were the drift pass waited for, this would take its minute.
        try await lock.withLock(.models(["sd21"]), priority: .failover) { _ in await order.start("failover") }
        await #expect(throws: PushPreempted.self) { try await drift.value }
        try await operatorApply.value
        #expect(await order.started == ["drift", "failover", "apply"])
    }

    @Test("a holder that cannot be preempted is waited for")
    func nonPreemptibleHolder() async throws {
        let lock = PushLock()
        let order = Order()
        let apply = Task {
            try await lock.withLock(.all) { preemption in
                await order.start("apply")
                try await Task.sleep(for: .milliseconds(100))
                #expect(!preemption.isPreempted)
            }
        }
        #expect(try await FailoverLoopTests.eventually { await order.started == ["apply"] })
        try await lock.withLock(.models(["sd21"]), priority: .failover) { _ in await order.start("failover") }
        try await apply.value
        #expect(await order.started == ["apply", "failover"])
    }
}
