import Foundation
import HummingbirdTesting
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

/// A leadership fixed by the test.
struct FixedLeadership: Leadership {
    let isLeader: Bool
}

@Suite("POST /v1/apply on a follower")
struct ApplyHandoffEndpointTests {
    /// The demo fleet's harness, its API on a replica that follows and queues its applies.
    static func follower(waiting timeout: Duration) async throws -> APIHarness {
        let harness = try await APIHarness.make()
        _ = try await harness.database.importFleet(
            DemoFleet.fleet, dryRun: false, context: ChangeContext(actor: "test", requestID: "demo"))
        let control = ControlServices(
            apply: harness.control.apply, failover: harness.control.failover,
            applyHandoff: ApplyHandoff(queue: harness.database, leadership: FixedLeadership(isLeader: false), timeout: timeout))
        return APIHarness(
            database: harness.database, control: control, pushDirectory: harness.pushDirectory, registry: harness.registry,
            settings: harness.settings, viewer: harness.viewer, operatorToken: harness.operatorToken, admin: harness.admin)
    }

    @Test("without a leader the apply is withdrawn and answered 503, nothing pushed; a dry run is answered here")
    func noLeader() async throws {
        let harness = try await Self.follower(waiting: .milliseconds(200))
        try await harness.run { client in
            let applied = try await client.send(.post, "/v1/apply", token: harness.operatorToken)
            #expect(applied.status == .serviceUnavailable)
            #expect(applied.text.contains("no leader took the apply"))
            #expect(!FileManager.default.fileExists(atPath: harness.pushDirectory.path))
            let rehearsed = try await client.send(.post, "/v1/apply?dryRun=true", token: harness.operatorToken)
            #expect(rehearsed.status == .ok)
        }
    }

    @Test("the leader pushes the follower's apply, audited under the caller, and its report is the answer")
    func leaderPushes() async throws {
        let harness = try await Self.follower(waiting: .seconds(30))
        let leader = ApplyQueueService(
            queue: harness.database, apply: harness.control.apply, leadership: FixedLeadership(isLeader: true), identity: "leader",
            interval: .milliseconds(20))
        let draining = Task { try await leader.run() }
        defer { draining.cancel() }
        try await harness.run { client in
            let applied = try await client.send(.post, "/v1/apply", token: harness.operatorToken)
            #expect(applied.status == .ok)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(buffer: applied.body)) as? [String: Any])
            #expect(report["succeeded"] as? Bool == true)
            let pushes = try await harness.database.auditEvents(AuditFilter(kind: .push)).items
            #expect(pushes.map(\.actor) == [APIHarness.operatorName])
        }
    }
}
