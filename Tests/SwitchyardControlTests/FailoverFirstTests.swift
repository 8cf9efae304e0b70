import Foundation
import SwitchyardAdapters
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

/// A failover push against the fake API server while other pushes are slow: it never waits behind drift
/// correction, and its own requests have a deadline.
@Suite("Failover first")
struct FailoverFirstTests {
    typealias F = FailoverFixtures

    struct Wiring {
        let database: AppDatabase
        let apply: ApplyService
        let controller: FailoverController
    }

    static func wire(_ client: LiveKubernetesClient, pushTimeout: Duration? = nil) async throws -> Wiring {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
        let apply = ApplyService(
            database: database, appliers: [KubernetesApplier(api: client)], failoverPushTimeout: pushTimeout)
        let controller = FailoverController(database: database, pusher: apply)
        _ = try await apply.apply(context: ControlFixtures.context)
        return Wiring(database: database, apply: apply, controller: controller)
    }

    /// Waits until the server has received a request matching `predicate`.
    static func received(_ server: FakeKubernetesAPIServer, _ predicate: @escaping (FakeKubernetesRequest) -> Bool) async throws -> Bool {
        try await FailoverLoopTests.eventually { await server.receivedRequests().contains(where: predicate) }
    }

    @Test("a shortage during a drift pass whose GET hangs switches while the GET still hangs; the drift pass yields and says so")
    func failoverPreemptsHangingDrift() async throws {
        try await withFakeCluster { server, client in
            let wiring = try await Self.wire(client)
            await server.clearReceivedRequests()
            await server.injectHang(count: 1, method: "GET")
            let drift = Task { try await DriftCorrector(applyService: wiring.apply).correctOnce() }
            #expect(try await Self.received(server) { $0.method == "GET" && $0.query["watch"] == nil })

            let now = Date()
            try await wiring.controller.report(F.shortage("amd-neuron", at: now), context: F.operatorContext)
            let pass = try await wiring.controller.pass(now: now)

            // The drift pass's GET is still unanswered: the switch did not wait for it.
            #expect(pass.outcome == .switched)
            #expect(pass.committed.map(\.model) == ["sd21"])
            #expect(await server.receivedRequests().contains { $0.method == "PATCH" && $0.path.contains("/ingresses/") })
            let report = try await drift.value
            #expect(report.preempted)
            #expect(report.corrections.isEmpty)
            #expect(try await wiring.apply.diff(models: ["sd21"]).isEmpty)
            await server.releaseHung()
        }
    }

    @Test("a failover push whose PATCH gets no answer fails the switch at its deadline; a later pass, with the deadline doubled after each miss, switches")
    func failoverPushDeadline() async throws {
        try await withFakeCluster { server, client in
            let wiring = try await Self.wire(client, pushTimeout: .seconds(1))
            await server.injectHang(count: 1, method: "PATCH")
            let now = Date()
            try await wiring.controller.report(F.shortage("amd-neuron", at: now), context: F.operatorContext)
            // The PATCH hangs until the end of the test: only the deadline can end this pass.
            let first = try await wiring.controller.pass(now: now)
            #expect(first.outcome == .pushFailed)
            #expect(first.failed["sd21"]?.contains("deadline") == true)
            #expect(try await wiring.database.failoverState().routing(of: "sd21").configuration == .cost)

            // A loaded machine may miss the next deadline too; each miss doubles it.
            var passes = 1
            var outcome = first.outcome
            while outcome != .switched, passes < 5 {
                outcome = try await wiring.controller.pass(now: now.addingTimeInterval(Double(passes))).outcome
                passes += 1
            }
            #expect(outcome == .switched)
            #expect(try await wiring.database.failoverState().routing(of: "sd21").configuration == .capacity)
        }
    }

    @Test("the failover push deadline doubles with each miss of the same models, at most 16 times, and resets on success")
    func deadlineEscalation() {
        let deadlines = FailoverPushDeadlines(base: .milliseconds(100))
        #expect(deadlines.timeout(for: ["sd21"]) == .milliseconds(100))
        deadlines.record(models: ["sd21"], missed: ["sd21"])
        deadlines.record(models: ["sd21"], missed: ["sd21"])
        #expect(deadlines.timeout(for: ["sd21"]) == .milliseconds(400))
        #expect(deadlines.timeout(for: ["llm"]) == .milliseconds(100))
        #expect(deadlines.timeout(for: ["sd21", "llm"]) == .milliseconds(400))
        for _ in 0..<10 { deadlines.record(models: ["sd21"], missed: ["sd21"]) }
        #expect(deadlines.timeout(for: ["sd21"]) == .milliseconds(1600))
        deadlines.record(models: ["sd21"], missed: [])
        #expect(deadlines.timeout(for: ["sd21"]) == .milliseconds(100))
    }

    @Test("a persistent 503 that later clears converges with no manual apply, audited once while it lasts and once when it clears")
    func persistentFailureConverges() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let apply = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            let objects = try await apply.desiredState().manifests.objects.count
            // The operator's apply and the next three convergence passes meet a 503 on every object.
            await server.injectFaults(4 * objects, status: 503)
            let failed = try await apply.apply(context: ControlFixtures.context)
            #expect(!failed.succeeded)

            let (reports, continuation) = AsyncStream.makeStream(of: DriftReport.self)
            let loop = DriftCorrectionService(
                corrector: DriftCorrector(applyService: apply), interval: .seconds(3600),
                retryBackoff: RetryPolicy(baseDelay: .milliseconds(5), maxDelay: .milliseconds(20)),
                sleep: { duration in
                    // The first wait is the interval: skip it; retries wait what they ask.
                    try await Task.sleep(for: duration > .seconds(60) ? .milliseconds(1) : duration)
                },
                onPass: { continuation.yield($0) })
            let running = Task { try await loop.run() }
            var passes: [DriftReport] = []
            for await report in reports {
                passes.append(report)
                if report.reapplyFailures.isEmpty { break }
            }
            running.cancel()
            try await running.value

            #expect(passes.count == 4)
            #expect(passes.dropLast().allSatisfy { $0.reapplyFailures.count == objects })
            #expect(passes.last?.reapplied.count == objects)
            #expect(try await apply.diff().isEmpty)
            let audit = try await ControlFixtures.pushEvents(database)
            #expect(audit.filter { $0.action == .applyFailed }.count == 1, "\(audit.map(\.action))")
            #expect(audit.filter { $0.action == .apply && $0.actor == "system" }.count == 1)
        }
    }
}
