import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// Nothing about one model or one record stops the rest: a last-applied record that does not read back as one
/// object (a damaged row) is reported and treated as never applied, and a model whose push cannot be planned is left out of an apply of every model.
@Suite("Apply isolation")
struct ApplyIsolationTests {
    @Test("one unreadable record: diff and manifests still answer, apply rewrites it, and then nothing is left to do")
    func unreadableRecordIsRederived() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
        #expect(try await service.apply(context: ControlFixtures.context).succeeded)

        let applied = try await database.appliedObjects(target: "files")
        let victim = try #require(applied.first { $0.model != nil })
        // Valid JSON (so the store takes it), but no object.
        let poisoned = "[]"
        try await database.recordApplied(
            target: "files", upserts: [AppliedObjectDraft(key: victim.key, model: victim.model, document: poisoned)],
            audit: try AuditEntry(actor: "test", action: .apply, kind: .push, name: "files"))

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

    @Test("a model whose elbv2 push cannot be planned is left out of an apply of every model, and refused by name")
    func unpushableModelDoesNotStopOthers() async throws {
        var fleet = ControlFixtures.fleet(applier: .files)
        fleet.models.append(ServedModel(
            name: "llm", slo: ServiceLevelObjective(latencyThresholdMs: 2_000),
            routing: RoutingSettings(applier: .elbv2, listenerARN: ControlFixtures.listenerARN)))
        var unit = try #require(fleet.units.first { $0.name == "sd21-inf2" })
        unit.name = "llm-inf2"
        unit.model = "llm"
        unit.kubernetes = KubernetesNames(deployment: "llm-inf2", service: "llm-inf2")
        unit.manualBreakingPointRPS = 50
        unit.targetGroupARN = nil
        fleet.units.append(unit)
        let database = try await ControlFixtures.database(fleet)
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])

        let report = try await service.apply(context: ControlFixtures.context)
        #expect(report.succeeded)
        #expect(report.pushes.map(\.target) == [.files])
        #expect(report.pushes.flatMap(\.outcomes).contains { $0.key.contains("sd21") })
        #expect(try await service.diff().isEmpty)
        await #expect(throws: ApplyError.self) { _ = try await service.diff(models: ["llm"]) }
    }
}
