import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// A last-applied record that no longer reads back (one written raw with a C1 control character, as an older
/// build stored them) is reported and treated as never applied; it never wedges manifests, diffs or applies.
@Suite("Unreadable last-applied state")
struct UnreadableAppliedStateTests {
    @Test("one unreadable record: diff and manifests still answer, apply rewrites it, and then nothing is left to do")
    func unreadableRecordIsRederived() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
        #expect(try await service.apply(context: ControlFixtures.context).succeeded)

        let applied = try await database.appliedObjects(target: "files")
        let victim = try #require(applied.first { $0.model != nil })
        // Valid JSON (so the store takes it), but a YAML reader refuses the raw U+009B.
        let poisoned = #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"x\#u{9B}y"}}"#
        try await database.recordApplied(
            target: "files", upserts: [AppliedObjectDraft(key: victim.key, model: victim.model, document: poisoned)],
            audit: AuditDraft(actor: "test", action: "apply", kind: "push", name: "files"))

        let diff = try await service.diff()
        let changes = diff.diff(for: .files).changes
        #expect(changes.count == 1)
        #expect(changes.first?.action == .added)
        #expect(!(try await service.desiredState().manifests.objects.isEmpty))
        #expect(try await service.diff(models: ["sd21"]).diff(for: .files).changes.count == 1)

        let report = try await service.apply(context: ControlFixtures.context)
        #expect(report.succeeded)
        #expect(report.pushes.flatMap(\.outcomes).map(\.key) == [victim.key])
        let rewritten = try #require(try await database.appliedObjects(target: "files").first { $0.key == victim.key })
        #expect(rewritten.document == victim.document)
        #expect(try await service.diff().isEmpty)
    }
}
