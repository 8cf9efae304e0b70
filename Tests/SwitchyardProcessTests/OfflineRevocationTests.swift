import Foundation
import Testing

/// Tokens are authenticated from memory; one revoked by another process (the offline tool) is refused soon after.
@Suite("Process: offline token revocation")
struct OfflineRevocationTests {
    @Test("a token revoked with `switchyard token revoke` while serve runs is refused within a few seconds")
    func offlineRevocationReachesServe() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-revoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("switchyard.db").path
        let service = try await ServiceProcess(
            databasePath: path, adminToken: "sy_process_test_admin_secret_0123456789",
            extraArguments: ["--push-dir", directory.appendingPathComponent("push").path])
        defer { _ = service.terminate() }
        let created = try ServiceProcess.run(["token", "create", "--database", path, "--name", "reader", "--role", "viewer"])
        #expect(created.status == 0, "\(created.output)")
        // stdout (the secret) and stderr (the notice) share the pipe, in either order.
        let secret = try #require(created.output.split(separator: "\n").first { $0.hasPrefix("sy_") }.map(String.init))
        #expect(try await service.request("GET", "/v1/units", token: secret).1 == 200)
        #expect(try await service.request("GET", "/v1/units", token: secret).1 == 200)

        let revoked = try ServiceProcess.run(["token", "revoke", "--database", path, "reader"])
        #expect(revoked.status == 0, "\(revoked.output)")
        var status = 200
        let deadline = ContinuousClock.now + .seconds(10)
        while status == 200, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            status = try await service.request("GET", "/v1/units", token: secret).1
        }
        #expect(status == 401)
    }
}
