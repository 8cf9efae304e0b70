import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

@Suite("Applied state")
struct AppliedStateTests {
    let draft = try! AuditEntry(actor: "alice", action: .apply, kind: .push, name: "kubernetes", requestID: "req-1")

    @Test("a push records its objects and its audit event together; removals forget objects")
    func recordAndRemove() async throws {
        let database = try AppDatabase.inMemory()
        try await database.recordApplied(
            target: "kubernetes",
            upserts: [
                AppliedObjectDraft(key: "apps/v1/Deployment/sd21/sd21-inf2", model: "sd21", document: #"{"spec":{"replicas":1}}"#),
                AppliedObjectDraft(key: "karpenter.sh/v1/NodePool//amd-neuron", model: nil, document: #"{"spec":{"weight":60}}"#),
            ],
            audit: draft)
        var objects = try await database.appliedObjects(target: "kubernetes")
        #expect(objects.map(\.key) == ["apps/v1/Deployment/sd21/sd21-inf2", "karpenter.sh/v1/NodePool//amd-neuron"])
        #expect(try await database.appliedObjects(target: "kubernetes", model: "sd21").count == 1)
        #expect(try await database.appliedObjects(target: "elbv2").isEmpty)

        try await database.recordApplied(
            target: "kubernetes",
            upserts: [AppliedObjectDraft(key: "apps/v1/Deployment/sd21/sd21-inf2", model: "sd21", document: #"{"spec":{"replicas":2}}"#)],
            removals: ["karpenter.sh/v1/NodePool//amd-neuron"],
            audit: draft)
        objects = try await database.appliedObjects(target: "kubernetes")
        #expect(objects.map(\.document) == [#"{"spec":{"replicas":2}}"#])

        let events = try await database.auditEvents(AuditFilter(kind: .push))
        #expect(events.items.map(\.action) == [.apply, .apply])
    }

    @Test("a document that is not JSON is refused and nothing is written")
    func refusesNonJSON() async throws {
        let database = try AppDatabase.inMemory()
        await #expect(throws: StoreError.self) {
            try await database.recordApplied(
                target: "files", upserts: [AppliedObjectDraft(key: "a", model: nil, document: "not json")], audit: draft)
        }
        #expect(try await database.appliedObjects(target: "files").isEmpty)
        #expect(try await database.auditEvents(AuditFilter()).items.isEmpty)
    }

    @Test("an unknown target is refused by the schema")
    func unknownTarget() async throws {
        let database = try AppDatabase.inMemory()
        await #expect(throws: StoreError.self) {
            try await database.recordApplied(
                target: "nowhere", upserts: [AppliedObjectDraft(key: "a", model: nil, document: "{}")], audit: draft)
        }
        #expect(try await database.auditEvents(AuditFilter()).items.isEmpty)
    }
}
