import Foundation
import Logging
import SwitchyardCore
import SwitchyardStore

/// Makes sure a fresh database can be administered: with no active token, an admin token is created from
/// SWITCHYARD_ADMIN_TOKEN when it is set, or generated and printed once on standard output.
struct AdminTokenBootstrap {
    let store: AppDatabase
    let logger: Logger

    func ensureAdmin(presetSecret: String?) async throws {
        guard try await store.activeTokenCount() == 0 else { return }
        let context = ChangeContext(actor: "bootstrap", requestID: UUID().uuidString, reason: "no active token")
        if let presetSecret {
            _ = try await store.createToken(name: "admin", role: .admin, secret: presetSecret, context: context)
            logger.notice("created admin token 'admin' from SWITCHYARD_ADMIN_TOKEN")
        } else {
            let created = try await store.createToken(name: "admin", role: .admin, context: context)
            // Printed once, on stdout only, so it never reaches the structured logs.
            FileHandle.standardOutput.write(Data("admin token (shown once): \(created.secret)\n".utf8))
            logger.notice("created admin token 'admin'; its secret was printed once on standard output")
        }
    }
}
