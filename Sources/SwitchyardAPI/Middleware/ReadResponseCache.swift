import HTTPTypes
import Synchronization
import SwitchyardControl

/// What a cached answer was derived from: the fleet's generation, and for a plan the routing in force's. An answer is
/// current while these have not changed since it was made.
struct ReadVersion: Sendable, Equatable {
    var fleet: Int
    var routing: RoutingGeneration?
}

/// The last answers to repeated reads, as the bytes sent, each with the version it was derived from.
///
/// Bounded: answers above `maxEntryBytes` are not kept, and when the kept bytes would pass `maxTotalBytes` the answers
/// of older versions go first, then all of them. A stale answer is never served: a lookup matches the version as well
/// as the request.
final class ReadResponseCache: Sendable {
    struct Key: Hashable, Sendable {
        /// The path with its query, as sent.
        var target: String
        var accept: String?
    }

    struct Answer: Sendable {
        var version: ReadVersion
        var head: HTTPResponse
        var body: ArraySlice<UInt8>
    }

    let maxEntryBytes: Int
    let maxTotalBytes: Int
    private let state = Mutex(State())

    private struct State {
        var answers: [Key: Answer] = [:]
        var bytes = 0
    }

    init(maxEntryBytes: Int = 1 << 20, maxTotalBytes: Int = 32 << 20) {
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
    }

    /// The answer kept for `key`, if it was derived from `version`.
    func answer(for key: Key, at version: ReadVersion) -> Answer? {
        state.withLock { state in
            guard let answer = state.answers[key], answer.version == version else { return nil }
            return answer
        }
    }

    /// Keeps an answer, replacing the one kept for the same request.
    func keep(_ answer: Answer, for key: Key) {
        let size = answer.body.count + key.target.utf8.count
        guard size <= maxEntryBytes else { return }
        state.withLock { state in
            if let replaced = state.answers.removeValue(forKey: key) {
                state.bytes -= replaced.body.count + key.target.utf8.count
            }
            if state.bytes + size > maxTotalBytes {
                state.answers = state.answers.filter { $0.value.version == answer.version }
                state.bytes = state.answers.reduce(0) { $0 + $1.value.body.count + $1.key.target.utf8.count }
                if state.bytes + size > maxTotalBytes {
                    state.answers.removeAll()
                    state.bytes = 0
                }
            }
            state.answers[key] = answer
            state.bytes += size
        }
    }

    /// How many answers are kept.
    var count: Int { state.withLock { $0.answers.count } }
}
