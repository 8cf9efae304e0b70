import Foundation
import Logging
import SwitchyardCore
import SwitchyardStore

/// Makes sure the database can be administered: with no active admin token, an admin token is created from
/// SWITCHYARD_ADMIN_TOKEN when it is set (and was never used before), or generated and printed once on standard
/// output. It is named `admin`, or `admin-2`, `admin-3`, ... when an earlier token (perhaps revoked) holds the name.
struct AdminTokenBootstrap {
    let store: any ServiceStore
    let logger: Logger

    /// Replicas starting together on one shared database may race here: whichever creates the admin token first wins,
    /// and the others find it and leave it.
    func ensureAdmin(presetSecret: String?) async throws {
        guard try await store.activeTokenCount(role: .admin) == 0 else { return }
        do {
            try await createAdmin(presetSecret: presetSecret)
        } catch let error as StoreError {
            guard case .conflict = error, try await store.activeTokenCount(role: .admin) > 0 else { throw error }
            logger.info("admin token created meanwhile by another replica")
        }
    }

    private func createAdmin(presetSecret: String?) async throws {
        let context = ChangeContext(actor: "bootstrap", requestID: UUID().uuidString, reason: "no active admin token")
        let name = try await store.unusedTokenName("admin")
        var preset = presetSecret
        if let secret = preset, try await store.isTokenSecretKnown(secret) {
            // Another replica starting beside this one may have just created it from the same secret.
            if try await store.activeTokenCount(role: .admin) > 0 { return }
            // A secret another token holds (a revoked one above all) must never authenticate anew.
            logger.warning("SWITCHYARD_ADMIN_TOKEN belongs to an earlier token and is not reused; generating a new one")
            preset = nil
        }
        if let preset {
            _ = try await store.createToken(name: name, role: .admin, secret: preset, context: context)
            logger.notice("created admin token from SWITCHYARD_ADMIN_TOKEN", metadata: ["token": "\(name)"])
        } else {
            let created = try await store.createToken(name: name, role: .admin, context: context)
            // Printed once, on stdout only, so it never reaches the structured logs.
            FileHandle.standardOutput.write(Data("admin token (shown once): \(created.secret)\n".utf8))
            logger.notice("created admin token; its secret was printed once on standard output", metadata: ["token": "\(name)"])
        }
    }
}
