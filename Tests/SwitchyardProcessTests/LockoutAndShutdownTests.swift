import Foundation
import GRDB
@testable import SwitchyardStore
import Testing

/// The binary against states that once made it refuse to start or to stop: every admin token revoked, and a
/// SIGTERM while replays run.
@Suite("Process: lock-out and shutdown", .serialized)
struct LockoutAndShutdownTests {
    let directory: URL
    let adminToken = "sy_process_test_admin_secret_0123456789"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-lockout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test("a database whose every admin token is revoked still starts, and an offline admin token gets back in")
    func lockedOutDatabaseRecovers() async throws {
        let path = directory.appendingPathComponent("locked.db").path
        let first = try await ServiceProcess(databasePath: path, adminToken: adminToken)
        let (_, refused) = try await first.request("DELETE", "/v1/tokens/admin")
        #expect(refused == 409)
        #expect(first.terminate() == 0)

        // As an older build could leave it: the only admin revoked, its name and secret still taken.
        let store = try AppDatabase.open(path: path)
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE tokens SET revoked_at = created_at WHERE name = 'admin'")
        }
        try store.close()

        // With the revoked secret preset, and without it: neither collides with the revoked name or secret.
        let second = try await ServiceProcess(databasePath: path, adminToken: adminToken)
        let (_, revokedSecret) = try await second.request("GET", "/v1/tokens")
        #expect(revokedSecret == 401)
        #expect(second.terminate() == 0)
        #expect(second.log().contains("admin token (shown once): sy_"))

        let created = try ServiceProcess.run(["token", "create", "--database", path, "--name", "rescue", "--role", "admin"])
        #expect(created.status == 0, "\(created.output)")
        let secret = try #require(created.output.split(separator: "\n").first { $0.hasPrefix("sy_") }.map(String.init))
        let third = try await ServiceProcess(databasePath: path, adminToken: adminToken, environment: ["SWITCHYARD_ADMIN_TOKEN": ""])
        defer { _ = third.terminate() }
        let (listing, status) = try await third.request("GET", "/v1/tokens", token: secret)
        #expect(status == 200)
        let names = try #require(
            (try JSONSerialization.jsonObject(with: listing) as? [String: Any])?["items"] as? [[String: Any]]
        ).compactMap { $0["name"] as? String }
        #expect(names == ["admin", "admin-2", "rescue"])
    }

    @Test("SIGTERM stops the server within the grace period while replays run; /healthz stays fast meanwhile")
    func sigtermDuringReplays() async throws {
        let path = directory.appendingPathComponent("replay.db").path
        let service = try await ServiceProcess(
            databasePath: path, adminToken: adminToken,
            extraArguments: ["--demo", "--shutdown-grace", "2", "--replay-time-limit", "600"])
        let body = Data(#"{"model":"sd21","patterns":["diurnal:80-1000@8h-22h"],"duration":"11d"}"#.utf8)
        let replays = (0..<2).map { _ in
            Task { try? await service.request("POST", "/v1/replays", body: body) }
        }
        // Both hold their slots once their threads run; on a loaded machine that can take more than a moment.
        let admitted = ContinuousClock.now + .seconds(60)
        while service.threadNames().filter({ $0 == "sy-replay" }).count < 2, ContinuousClock.now < admitted {
            try await Task.sleep(for: .milliseconds(50))
        }
        let (_, third) = try await service.request("POST", "/v1/replays", body: body)
        #expect(third == 429)

        var slowest = Duration.zero
        for _ in 0..<20 {
            let probe = ContinuousClock.now
            let (_, status) = try await service.request("GET", "/healthz", token: nil)
            #expect(status == 200)
            slowest = max(slowest, ContinuousClock.now - probe)
            try await Task.sleep(for: .milliseconds(50))
        }
        // Alone on the machine the slowest probe stays near 100 ms in a debug build; the bound leaves room for the
        // rest of the suite running beside it. Before replays left the request path, probes timed out for minutes.
        #expect(slowest < .seconds(2), "slowest /healthz while two replays ran: \(slowest)")
        let resident = try #require(service.residentBytes())
        #expect(resident < 512 * 1024 * 1024, "RSS while two replays ran: \(resident / 1_048_576) MiB")

        let stopping = ContinuousClock.now
        let status = service.terminate()
        let took = ContinuousClock.now - stopping
        #expect(status == 0, "log:\n\(service.log())")
        #expect(took < .seconds(4), "SIGTERM took \(took)")
        for replay in replays { _ = await replay.value }
    }
}
