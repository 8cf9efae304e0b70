import GRDB
import Synchronization

/// Commits the writes that arrive together in one transaction, each in its own savepoint: one flush to stable
/// storage (`synchronous = FULL`) for a batch of writes instead of one per write.
///
/// A write that throws rolls back its own savepoint and fails alone; the others in its batch commit. A commit that
/// fails fails every write of the batch, so nothing is acknowledged that is not on disk. Writes run in arrival
/// order, one batch at a time; a write that arrives while a batch commits goes into the next one. A lone write
/// is a batch of one, as soon as it arrives: nothing waits for company.
final class GroupCommit: Sendable {
    private struct Pending: Sendable {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue {
        var pending: [Pending] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let queue = Mutex(Queue())
    /// The most writes one transaction takes, so that one batch's latency stays bounded under a flood.
    private let batchLimit: Int

    init(writer: any DatabaseWriter, batchLimit: Int = 64) {
        self.writer = writer
        self.batchLimit = batchLimit
    }

    /// Runs `updates` in a savepoint of the next batch's transaction and returns once that transaction committed.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            let startsDraining = queue.withLock { queue in
                queue.pending.append(Pending(work: { try updates($0) }, continuation: continuation))
                guard !queue.draining else { return false }
                queue.draining = true
                return true
            }
            if startsDraining { Task { await self.drain() } }
        }
        return result as! T
    }

    /// Commits batches until none is waiting.
    private func drain() async {
        while true {
            let batch = queue.withLock { queue -> [Pending] in
                let batch = Array(queue.pending.prefix(batchLimit))
                queue.pending.removeFirst(batch.count)
                if batch.isEmpty { queue.draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Pending]) async {
        let outcomes: [Result<any Sendable, any Error>]
        do {
            outcomes = try await writer.write { db in
                batch.map { pending in
                    var outcome: Result<any Sendable, any Error> = .failure(CancellationError())
                    do {
                        try db.inSavepoint {
                            outcome = .success(try pending.work(db))
                            return .commit
                        }
                    } catch {
                        outcome = .failure(error)
                    }
                    return outcome
                }
            }
        } catch {
            for pending in batch { pending.continuation.resume(throwing: error) }
            return
        }
        for (pending, outcome) in zip(batch, outcomes) { pending.continuation.resume(with: outcome) }
    }
}
