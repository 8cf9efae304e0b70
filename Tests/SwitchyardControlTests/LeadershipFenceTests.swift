import Foundation
import Synchronization
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// A leadership whose spells the test moves through.
final class SpellLeadership: Leadership, Sendable {
    private let spell = Mutex<Int?>(nil)
    var isLeader: Bool { spell.withLock { $0 != nil } }
    var tenure: Int? { spell.withLock { $0 } }
    func lead(_ tenure: Int?) { spell.withLock { $0 = tenure } }
}

@Suite("Pushes fenced by leadership terms")
struct LeadershipFenceTests {
    @Test("one term per spell of leadership, however many pushes race to claim it; a new spell claims the next")
    func oneClaimPerSpell() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let leadership = SpellLeadership()
        let fence = LeadershipFence(leadership: leadership, terms: database, holder: "replica-a")
        leadership.lead(1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { try await fence.fenced {} } }
            try await group.waitForAll()
        }
        #expect(try await database.newestLeadershipTerm().term == 1)
        leadership.lead(2)
        try await fence.fenced {}
        let newest = try await database.newestLeadershipTerm()
        #expect(newest.term == 2 && newest.holder == "replica-a")
    }

    @Test("a follower pushes nothing; a leader whose term was superseded pushes nothing and says by which term")
    func refusals() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let leadership = SpellLeadership()
        let fence = LeadershipFence(leadership: leadership, terms: database, holder: "replica-a")
        let pushed = Mutex(0)
        await #expect(throws: ApplyError.notLeader) { try await fence.fenced { pushed.withLock { $0 += 1 } } }
        leadership.lead(1)
        try await fence.fenced { pushed.withLock { $0 += 1 } }
        // A successor claims a newer term; this replica still believes it leads in the same spell.
        let successor = try await database.claimLeadershipTerm(holder: "replica-b")
        await #expect(throws: ApplyError.superseded(term: successor - 1, newest: successor)) {
            try await fence.fenced { pushed.withLock { $0 += 1 } }
        }
        #expect(pushed.withLock { $0 } == 1)
    }

    @Test("an apply through a fenced service is refused whole once superseded, and nothing reaches the files")
    func fencedApply() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let leadership = SpellLeadership()
        leadership.lead(1)
        let fence = LeadershipFence(leadership: leadership, terms: database, holder: "replica-a")
        let apply = ApplyService(database: database, appliers: [FilesApplier(directory: directory)], fence: fence)
        _ = try await database.claimLeadershipTerm(holder: "replica-b")
        // Claimed before this replica's first push: its own claim comes after and is the newest, so it pushes.
        #expect(try await apply.apply(context: ControlFixtures.context).succeeded)
        #expect(!ControlFixtures.files(under: directory).isEmpty)
        try FileManager.default.removeItem(at: directory)
        _ = try await database.claimLeadershipTerm(holder: "replica-b")
        var unit = try #require(try await database.fleetSnapshot().units.first)
        unit.maxReplicas += 1
        _ = try await database.put(unit, ifMatch: nil, context: ControlFixtures.context)
        await #expect(throws: ApplyError.self) { try await apply.apply(context: ControlFixtures.context) }
        #expect(ControlFixtures.files(under: directory).isEmpty)
    }
}
