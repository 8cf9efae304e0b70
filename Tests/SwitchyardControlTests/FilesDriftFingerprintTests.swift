import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// A drift pass over files reads back only what changed since it was written or last found in place: an idle pass
/// reads nothing, while an edit (one that keeps the size included) or a deleted file is still found and restored.
@Suite("Files drift: files in place are not read again")
struct FilesDriftFingerprintTests {
    @Test("after an apply every file is known in place; an edit, a same-size edit and a deletion are not")
    func knownInPlace() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let applier = FilesApplier(directory: directory)
        let service = ApplyService(database: database, appliers: [applier])
        #expect(try await service.apply(context: ControlFixtures.context).succeeded)

        let records = try await database.appliedObjects(target: "files").map { ($0.key, $0.document) }
        #expect(records.count > 3)
        #expect(await applier.knownInPlace(records) == Set(records.map(\.0)))

        let yamlKeys = records.map(\.0).filter { $0.hasSuffix(".yaml") }.sorted()
        let edited = try #require(yamlKeys.first { $0.contains("Deployment") || $0.contains("deployment") } ?? yamlKeys.first)
        let sameSize = try #require(yamlKeys.last { $0 != edited })
        let deleted = try #require(yamlKeys.first { $0 != edited && $0 != sameSize })
        let editedURL = directory.appendingPathComponent(edited)
        try (try String(contentsOf: editedURL, encoding: .utf8) + "# edited by hand\n").write(to: editedURL, atomically: false, encoding: .utf8)
        // Same bytes count, written in place (same inode): only the times tell.
        let sameSizeURL = directory.appendingPathComponent(sameSize)
        let original = try String(contentsOf: sameSizeURL, encoding: .utf8)
        let handle = try FileHandle(forWritingTo: sameSizeURL)
        try handle.write(contentsOf: Data(original.replacingOccurrences(of: "switchyard", with: "SWITCHYARD").utf8))
        try handle.close()
        try FileManager.default.removeItem(at: directory.appendingPathComponent(deleted))

        let known = await applier.knownInPlace(records)
        #expect(known == Set(records.map(\.0)).subtracting([edited, sameSize, deleted]))

        // A stored text other than the one the file was written for is never taken as in place.
        let other = records.map { ($0.0, $0.1 + " ") }
        #expect(await applier.knownInPlace(other).isEmpty)

        let report = try await DriftCorrector(applyService: service).correctOnce()
        #expect(report.checked == records.count)
        #expect(Set(report.corrections.map(\.key)) == [sameSize, deleted])
        // The comment is not a field: the edited file reads back as pushed and is now known in place again.
        #expect(await applier.knownInPlace(records) == Set(records.map(\.0)))
    }
}
