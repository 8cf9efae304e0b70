import AsyncHTTPClient
import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

/// Rollouts driven by a real Prometheus scraping synthetic metrics of the canary's units: healthy gates promote
/// step by step, a bad error rate rolls back.
@Suite("Rollouts against a real Prometheus", .serialized)
struct RolloutPrometheusTests {
    static let errorRateQuery = #"max(canary_error_ratio{model="{model}",version="{version}"})"#
    static let latencyQuery = #"max(canary_latency_ms{model="{model}",version="{version}",quantile="{quantile}"})"#

    static func metrics(errorRatio: Double, latencyMs: Double) -> String {
        """
        # TYPE canary_error_ratio gauge
        canary_error_ratio{model="sd21",version="v2"} \(errorRatio)
        # TYPE canary_latency_ms gauge
        canary_latency_ms{model="sd21",version="v2",quantile="0.95"} \(latencyMs)

        """
    }

    /// The demo fleet with two v2 units of sd21, pushed to files.
    static func fleet() -> Fleet {
        var fleet = ControlFixtures.fleet(applier: .files)
        for source in fleet.units.prefix(2) {
            var unit = source
            unit.name = "\(source.name)-v2"
            unit.kubernetes.deployment += "-v2"
            unit.kubernetes.service += "-v2"
            unit.version = "v2"
            unit.manualBreakingPointRPS = 50
            fleet.units.append(unit)
        }
        return fleet
    }

    /// Runs `body` with a rollout controller whose gates read a real Prometheus scraping `exporter`'s metrics, once
    /// Prometheus has them.
    static func withController(
        serving metrics: String,
        _ body: @Sendable (RolloutController, AppDatabase, ApplyService, MetricsExporter) async throws -> Void
    ) async throws {
        try await MetricsExporter.with(serving: metrics) { url, exporter in
            let prometheus = try PrometheusProcess(scraping: url, job: "canary")
            defer { prometheus.stop() }
            let client = PrometheusQueryClient(httpClient: .shared, baseURL: prometheus.baseURL)
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                if let samples = try? await client.query("canary_error_ratio"), !samples.isEmpty { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            let database = try await ControlFixtures.database(fleet())
            let directory = try ControlFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let apply = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
            let gates = PrometheusGateSource(client: client, errorRateQuery: errorRateQuery, latencyQuery: latencyQuery)
            let controller = RolloutController(apply: apply, gates: gates)
            try await body(controller, database, apply, exporter)
        }
    }

    static func canaryWeight(_ apply: ApplyService) async throws -> Int {
        let plan = try #require(try await apply.desiredState(models: ["sd21"]).plan(for: "sd21"))
        return plan.entries.filter { $0.unit.hasSuffix("-v2") }.map(\.weight).reduce(0, +)
    }

    @Test("healthy gates promote step by step, each step audited and pushed",
          .enabled(if: PrometheusProcess.binary != nil, "the prometheus binary is not installed"))
    func healthyPromotes() async throws {
        try await Self.withController(serving: Self.metrics(errorRatio: 0.001, latencyMs: 420)) { controller, database, apply, _ in
            let start = Date()
            let rollout = try await controller.start(
                model: "sd21", request: RolloutRequest(toVersion: "v2", steps: [5, 25, 50, 100], pauseSeconds: 60),
                now: start, context: ControlFixtures.context)
            #expect(rollout.canaryPercent == 5)
            #expect(try await Self.canaryWeight(apply) == 5)

            // Inside the pause nothing moves.
            let held = try await controller.pass(now: start.addingTimeInterval(30))
            #expect(held.moved.isEmpty)
            #expect(held.holding["sd21"]?.contains("holds") == true)

            var now = start
            var percents: [Int] = []
            for _ in 0..<4 {
                now = now.addingTimeInterval(61)
                let report = try await controller.pass(now: now)
                #expect(report.failed.isEmpty, "\(report.failed)")
                percents.append(try await Self.canaryWeight(apply))
            }
            #expect(percents == [25, 50, 100, 100])
            let done = try #require(try await database.rollouts(model: "sd21").first)
            #expect(done.status == .promoted)
            #expect(done.lastReading == GateReading(errorRate: 0.001, latencyMs: 420))
            #expect(try await database.stableVersion(model: "sd21") == "v2")

            let events = try await database.auditEvents(AuditFilter(kind: .rollout)).items
            #expect(events.map(\.action) == [.create, .advance, .advance, .advance, .promote])
            // Every step went out: the files applier wrote each push.
            #expect(try await apply.diff(models: ["sd21"]).targets.allSatisfy { $0.diff.isEmpty })
        }
    }

    @Test("a bad error rate rolls back to the stable version at once",
          .enabled(if: PrometheusProcess.binary != nil, "the prometheus binary is not installed"))
    func badErrorRateRollsBack() async throws {
        try await Self.withController(serving: Self.metrics(errorRatio: 0.001, latencyMs: 420)) { controller, database, apply, exporter in
            let start = Date()
            _ = try await controller.start(
                model: "sd21", request: RolloutRequest(toVersion: "v2", steps: [10, 50, 100], pauseSeconds: 60),
                now: start, context: ControlFixtures.context)
            let advanced = try await controller.pass(now: start.addingTimeInterval(61))
            #expect(advanced.moved["sd21"] == "advance")
            #expect(try await Self.canaryWeight(apply) == 50)

            // The canary starts failing 20 % of its requests; Prometheus scrapes it within a few seconds.
            exporter.serve(Self.metrics(errorRatio: 0.2, latencyMs: 420))
            var report = RolloutPassReport(at: start)
            let deadline = ContinuousClock.now + .seconds(30)
            repeat {
                try await Task.sleep(for: .milliseconds(500))
                report = try await controller.pass(now: start.addingTimeInterval(70))
            } while report.moved["sd21"] == nil && ContinuousClock.now < deadline
            #expect(report.moved["sd21"] == "roll-back")
            let rolledBack = try #require(try await database.rollouts(model: "sd21").first)
            #expect(rolledBack.status == .rolledBack)
            #expect(rolledBack.reason.contains("error rate 20 %"))
            #expect(try await Self.canaryWeight(apply) == 0)
            #expect(try await database.stableVersion(model: "sd21") == nil)
            let actions = try await database.auditEvents(AuditFilter(kind: .rollout)).items.map(\.action)
            #expect(actions == [.create, .advance, .rollBack])
        }
    }
}

@Suite("Rollout controller")
struct RolloutControllerTests {
    struct FixedGates: GateMetricsSource {
        var reading: GateReading
        func reading(for rollout: Rollout, units: [DeploymentUnit]) async throws -> GateReading { reading }
    }

    @Test("operators pause, resume, promote and abort; a second rollout conflicts; each action is audited")
    func actions() async throws {
        let database = try await ControlFixtures.database(RolloutPrometheusTests.fleet())
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let apply = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
        let controller = RolloutController(apply: apply, gates: FixedGates(reading: GateReading(errorRate: 0, latencyMs: 100)))
        let context = ControlFixtures.context
        let start = Date()
        _ = try await controller.start(model: "sd21", request: RolloutRequest(toVersion: "v2", pauseSeconds: 0), now: start, context: context)
        await #expect(throws: StoreError.self) {
            try await controller.start(model: "sd21", request: RolloutRequest(toVersion: "v2"), now: start, context: context)
        }
        let paused = try await controller.act(.pause, model: "sd21", now: start, context: context)
        #expect(paused.status == .paused)
        #expect(try await controller.pass(now: start.addingTimeInterval(600)).moved.isEmpty)
        await #expect(throws: RolloutError.self) {
            try await controller.act(.pause, model: "sd21", now: start, context: context)
        }
        _ = try await controller.act(.resume, model: "sd21", now: start, context: context)
        let aborted = try await controller.act(.abort, model: "sd21", now: start, context: context)
        #expect(aborted.status == .aborted)
        #expect(try await RolloutPrometheusTests.canaryWeight(apply) == 0)
        await #expect(throws: RolloutError.noActiveRollout(model: "sd21")) {
            try await controller.act(.promote, model: "sd21", now: start, context: context)
        }
        let second = try await controller.start(model: "sd21", request: RolloutRequest(toVersion: "v2"), now: start, context: context)
        #expect(second.id == 2)
        _ = try await controller.act(.promote, model: "sd21", now: start, context: context)
        #expect(try await RolloutPrometheusTests.canaryWeight(apply) == 100)
        let actions = try await database.auditEvents(AuditFilter(kind: .rollout)).items.map(\.action)
        #expect(actions == [.create, .pause, .resume, .abort, .create, .promote])
    }
}
