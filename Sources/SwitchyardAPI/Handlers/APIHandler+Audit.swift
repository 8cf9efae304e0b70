internal import Foundation
internal import OpenAPIRuntime
import SwitchyardStore

extension APIHandler {
    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        let query = input.query
        if let since = query.since, let until = query.until, since > until {
            throw APIError.invalidParameter(field: "until", detail: "until must not be before since.")
        }
        // No event has a kind this version does not write.
        let kind = query.kind.map(AuditKind.init(rawValue:))
        if case .some(nil) = kind { return .ok(.init(body: .json(.init(items: [], nextCursor: nil)))) }
        let filter = AuditFilter(
            kind: kind ?? nil, name: query.name, actor: query.actor, since: query.since, until: query.until)
        let page = try await database.auditEvents(filter, after: query.cursor, limit: try Self.pageSize(query.limit))
        let items = try page.items.map(Self.schemaEvent)
        return .ok(.init(body: .json(.init(items: items, nextCursor: page.nextCursor))))
    }

    func verifyAuditChain(_ input: Operations.VerifyAuditChain.Input) async throws
        -> Operations.VerifyAuditChain.Output
    {
        let verdict = try await database.verifyAuditChain(full: input.query.full ?? false)
        return .ok(.init(body: .json(.init(verdict))))
    }

    /// The store keeps `before` and `after` as JSON text; the API shows them as JSON values.
    static func schemaEvent(_ event: AuditEvent) throws -> Components.Schemas.AuditEvent {
        Components.Schemas.AuditEvent(
            seq: event.seq, at: event.at, actor: event.actor, action: event.action.rawValue, kind: event.kind.rawValue,
            name: event.name,
            before: try event.before.map(jsonValue), after: try event.after.map(jsonValue), requestID: event.requestID,
            reason: event.reason, previousHash: event.previousHash, hash: event.hash)
    }

    private static func jsonValue(_ text: String) throws -> OpenAPIValueContainer {
        try JSONDecoder().decode(OpenAPIValueContainer.self, from: Data(text.utf8))
    }
}
