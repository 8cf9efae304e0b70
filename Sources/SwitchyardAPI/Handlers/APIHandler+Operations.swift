import Foundation
internal import OpenAPIRuntime
import SwitchyardStore

extension APIHandler {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: "ok"))))
    }

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        do {
            _ = try await database.databaseSizeBytes()
        } catch {
            throw APIError.unavailable(detail: "The database cannot be read.")
        }
        if let down = control.failover.observerHealth.down(longerThan: control.observerDownThresholdSeconds, at: Date()).first {
            throw APIError.unavailable(detail:
                "The capacity observer '\(down.observer)' has been \(down.state.rawValue) since \(down.since.formatted(.iso8601))"
                + (down.lastError.map { ": \($0)" } ?? "."))
        }
        return .ok(.init(body: .json(.init(status: "ready"))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        // A scrape is the moment the size is wanted; a failed read leaves the last value rather than failing it.
        if let bytes = try? await database.databaseSizeBytes() {
            metrics.setDatabaseSize(bytes: bytes)
        }
        if let head = try? await database.auditHeadSeq() {
            metrics.setAuditHead(seq: head)
        }
        metrics.setObservers(control.failover.observerHealth.snapshot())
        metrics.fleet.publish(
            status: try? await control.failover.status(), plans: try? await control.apply.desiredState().plans)
        // A pass checks only what was appended since the last valid one, so a scrape costs what the audit grew by.
        if let verdict = try? await database.verifyAuditChain() {
            metrics.fleet.setAuditChain(valid: verdict.valid)
        }
        return .ok(.init(body: .plainText(HTTPBody(metrics.exposition()))))
    }

    func getOpenAPIDocument(_ input: Operations.GetOpenAPIDocument.Input) async throws
        -> Operations.GetOpenAPIDocument.Output
    {
        .ok(.init(body: .yaml(HTTPBody(EmbeddedOpenAPI.yaml))))
    }
}
