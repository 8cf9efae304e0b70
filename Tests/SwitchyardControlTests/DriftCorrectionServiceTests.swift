import Foundation
import Synchronization
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Drift correction as a periodic service")
struct DriftCorrectionServiceTests {
    @Test("each wait is followed by a pass that restores a hand-edited file; cancelling ends the loop cleanly")
    func passesThenStops() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
        _ = try await service.apply(context: ControlFixtures.context)
        let path = try #require(try await database.appliedObjects(target: "files").first?.key)
        let file = directory.appendingPathComponent(path)
        let original = try String(contentsOf: file, encoding: .utf8)
        try "edited by hand\n".write(to: file, atomically: true, encoding: .utf8)

        let waits = Mutex<[Duration]>([])
        let (reports, continuation) = AsyncStream.makeStream(of: DriftReport.self)
        let loop = DriftCorrectionService(
            corrector: DriftCorrector(applyService: service), interval: .seconds(30),
            sleep: { duration in
                waits.withLock { $0.append(duration) }
                try await Task.sleep(for: .milliseconds(5))
            },
            onPass: { continuation.yield($0) })
        let running = Task { try await loop.run() }

        var received: [DriftReport] = []
        for await report in reports {
            received.append(report)
            if received.count == 2 { break }
        }
        running.cancel()
        try await running.value

        #expect(received[0].corrections.map(\.key) == [path])
        #expect(received[1].corrections.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == original)
        #expect(waits.withLock { $0 }.allSatisfy { $0 == .seconds(30) })
        #expect(waits.withLock { $0.count } >= 2)
        #expect(try await ControlFixtures.pushEvents(database).filter { $0.action == .driftCorrected }.count == 1)
    }
}
