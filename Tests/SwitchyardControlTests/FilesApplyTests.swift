import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Apply through the files applier")
struct FilesApplyTests {
    private func service(_ database: AppDatabase, directory: URL) -> ApplyService {
        ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
    }

    @Test("apply writes the render layout; a second apply sends nothing and records nothing")
    func applyThenIdempotent() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = service(database, directory: directory)

        let first = try await service.apply(context: ControlFixtures.context)
        #expect(first.succeeded)
        let expected = try ManifestFileLayout.files(for: try await service.desiredState().manifests)
        #expect(!expected.isEmpty)
        #expect(ControlFixtures.files(under: directory) == Set(expected.map(\.path)))
        for file in expected {
            let written = try String(contentsOf: directory.appendingPathComponent(file.path), encoding: .utf8)
            #expect(written == file.contents, "\(file.path)")
        }
        #expect(first.pushes.map(\.target) == [.files])
        #expect(Set(first.pushes[0].outcomes.map(\.key)) == Set(expected.map(\.path)))
        let applied = try await database.appliedObjects(target: "files")
        #expect(Set(applied.map(\.key)) == Set(expected.map(\.path)))
        let events = try await ControlFixtures.pushEvents(database)
        #expect(events.map(\.action) == [.apply])
        #expect(events.first?.name == "files")
        #expect(events.first?.actor == "ops")
        #expect(events.first?.requestID == "req-apply")

        let second = try await service.apply(context: ControlFixtures.context)
        #expect(second.pushes.isEmpty)
        #expect(second.diff.isEmpty)
        #expect(try await service.diff().isEmpty)
        #expect(try await ControlFixtures.pushEvents(database).count == 1)
    }

    @Test("one file that cannot be written fails alone: the others land whole, no temporary file is left")
    func oneUnwritableFile() async throws {
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A directory where a file should go: the rename over it fails.
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sd21/blocked.yaml"), withIntermediateDirectories: true)
        let document = JSONValue.object([.init("apiVersion", .string("v1")), .init("kind", .string("ConfigMap"))])
        let items = ["sd21/a.yaml", "sd21/blocked.yaml", "sd21/nested/b.yaml"].map {
            PushItem(key: $0, model: "sd21", document: document)
        }
        let outcomes = await FilesApplier(directory: directory).push(items)
        #expect(outcomes.map(\.key) == items.map(\.key))
        #expect(outcomes.map(\.succeeded) == [true, false, true])
        #expect(outcomes[1].error?.contains("sd21/blocked.yaml") == true)
        #expect(ControlFixtures.files(under: directory) == ["sd21/a.yaml", "sd21/nested/b.yaml"])
        let written = try String(contentsOf: directory.appendingPathComponent("sd21/nested/b.yaml"), encoding: .utf8)
        #expect(written == (try FilesApplier.contents(of: document, at: "sd21/nested/b.yaml")))
        #expect(written.contains("kind: ConfigMap"))
    }

    @Test("a price change re-sends exactly the objects whose rendering changed")
    func priceChangeResendsOnlyChanged() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = service(database, directory: directory)
        _ = try await service.apply(context: ControlFixtures.context)
        let before = try await service.desiredState()

        var g5 = try await database.get(InstanceType.self, named: "g5.xlarge").value
        g5.prices = g5.prices.map { price in
            var price = price
            price.hourlyUSD *= 0.5
            return price
        }
        _ = try await database.put(g5, context: ControlFixtures.context)
        let after = try await service.desiredState()

        let changedIdentities = Set(try ManifestDiff(lastApplied: before.manifests.objects, desired: after.manifests.objects)
            .changes.map(\.identity))
        let changedPaths = try Set(after.manifests.objects.filter { changedIdentities.contains($0.identity) }.map { object in
            try ManifestFileLayout.files(for: RenderedManifests(objects: [object], forwardConfigs: [], warnings: []))[0].path
        })
        #expect(!changedPaths.isEmpty)
        #expect(changedPaths.count < after.manifests.objects.count)

        let diff = try await service.diff()
        #expect(Set(diff.diff(for: .files).changes.map(\.identity)) == changedIdentities)
        #expect(diff.diff(for: .files).changes.allSatisfy { $0.action == .changed })

        let report = try await service.apply(context: ControlFixtures.context)
        #expect(report.succeeded)
        #expect(Set(report.pushes.flatMap(\.outcomes).map(\.key)) == changedPaths)
        for file in try ManifestFileLayout.files(for: after.manifests) {
            let written = try String(contentsOf: directory.appendingPathComponent(file.path), encoding: .utf8)
            #expect(written == file.contents, "\(file.path)")
        }
        #expect(try await ControlFixtures.pushEvents(database).map(\.action) == [.apply, .apply])
    }

    @Test("a dry run returns the diff and writes and records nothing")
    func dryRun() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = service(database, directory: directory)

        let report = try await service.apply(dryRun: true, context: ControlFixtures.context)
        #expect(report.dryRun)
        #expect(report.pushes.isEmpty)
        let desired = try await service.desiredState()
        let changes = report.diff.diff(for: .files).changes
        #expect(changes.count == desired.manifests.objects.count)
        #expect(changes.allSatisfy { $0.action == .added })
        #expect(ControlFixtures.files(under: directory).isEmpty)
        #expect(try await database.appliedObjects(target: "files").isEmpty)
        #expect(try await ControlFixtures.pushEvents(database).isEmpty)
    }

    @Test("an unknown model is notFound")
    func unknownModel() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let service = service(database, directory: try ControlFixtures.temporaryDirectory())
        await #expect(throws: ApplyError.notFound(model: "gpt9")) {
            _ = try await service.apply(models: ["sd21", "gpt9"], context: ControlFixtures.context)
        }
        await #expect(throws: ApplyError.notFound(model: "gpt9")) { _ = try await service.diff(models: ["gpt9"]) }
    }

    @Test("concurrent applies send each change once")
    func concurrentApplies() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = service(database, directory: directory)

        async let first = service.apply(context: ControlFixtures.context)
        async let second = service.apply(context: ControlFixtures.context)
        let reports = try await [first, second]
        let sent = reports.flatMap(\.pushes).flatMap(\.outcomes).map(\.key)
        let objects = try await service.desiredState().manifests.objects.count
        #expect(sent.count == objects)
        #expect(Set(sent).count == objects)
        #expect(try await ControlFixtures.pushEvents(database).count == 1)
    }

    @Test("a model with an applier this process lacks is refused before anything is sent")
    func applierUnavailable() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = service(database, directory: directory)
        await #expect(throws: ApplyError.applierUnavailable(.kubernetes, model: "sd21")) {
            _ = try await service.apply(context: ControlFixtures.context)
        }
        #expect(ControlFixtures.files(under: directory).isEmpty)
        // The diff still works without the applier.
        #expect(!(try await service.diff().diff(for: .kubernetes).isEmpty))
    }
}
