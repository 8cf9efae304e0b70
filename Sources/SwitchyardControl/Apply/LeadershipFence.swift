import Logging
import Synchronization
import SwitchyardStore

/// Fences pushes with leadership terms kept in the shared database: at the start of each spell of leadership this
/// replica claims the next term (waiting for pushes in flight under the older one), and each push runs while that
/// term is still the newest. A leader deposed without knowing it (paused, or cut off from the Lease while its renew
/// deadline runs) finds its term superseded at its next push, so it never pushes after its successor's first push.
public final class LeadershipFence: PushFence {
    let leadership: any Leadership
    let terms: any LeadershipTermStore
    /// This replica's identity, recorded with the terms it claims.
    let holder: String
    let logger: Logger
    /// The term claimed (or being claimed) for a spell of leadership; one claim per spell however many pushes race.
    private let claim = Mutex<(tenure: Int, term: Task<Int64, any Error>)?>(nil)

    public init(
        leadership: any Leadership, terms: any LeadershipTermStore, holder: String,
        logger: Logger = Logger(label: "switchyard.fence")
    ) {
        self.leadership = leadership
        self.terms = terms
        self.holder = holder
        self.logger = logger
    }

    public func fenced<T: Sendable>(_ push: () async throws -> T) async throws -> T {
        guard let tenure = await leadership.tenure else { throw ApplyError.notLeader }
        let term = try await term(for: tenure)
        do {
            return try await terms.whileLeadershipTerm(term, push)
        } catch let superseded as LeadershipTermSuperseded {
            logger.warning("push refused: leadership term superseded", metadata: [
                "term": "\(superseded.term)", "newest": "\(superseded.newest)", "holder": "\(superseded.holder ?? "")",
            ])
            throw ApplyError.superseded(term: superseded.term, newest: superseded.newest)
        }
    }

    /// The term of spell `tenure`, claimed at its first push. A claim that failed is tried again at the next push.
    func term(for tenure: Int) async throws -> Int64 {
        let terms = terms, holder = holder, logger = logger
        let task = claim.withLock { claim in
            if let claim, claim.tenure == tenure { return claim.term }
            let task = Task {
                let term = try await terms.claimLeadershipTerm(holder: holder)
                logger.notice("leadership term claimed", metadata: ["term": "\(term)", "holder": "\(holder)"])
                return term
            }
            claim = (tenure, task)
            return task
        }
        do {
            return try await task.value
        } catch {
            claim.withLock { claim in
                if claim?.tenure == tenure { claim = nil }
            }
            throw ApplyError.leadershipUnclaimed("\(error)")
        }
    }
}
