import Synchronization

/// How long a failover push of some models may take: the configured timeout, doubled for each push of those
/// models in a row that ran out of time (at most 16 times), so an API server that is slow but answering is still
/// reached instead of missing every deadline.
final class FailoverPushDeadlines: Sendable {
    let base: Duration
    private let misses = Mutex<[String: Int]>([:])

    init(base: Duration) {
        self.base = base
    }

    func timeout(for models: Set<String>) -> Duration {
        let most = misses.withLock { misses in models.map { misses[$0] ?? 0 }.max() ?? 0 }
        return base * (1 << min(most, 4))
    }

    /// Counts a miss for each model in `missed`, and clears the others of `models`.
    func record(models: Set<String>, missed: Set<String>) {
        misses.withLock { misses in
            for model in models { misses[model] = missed.contains(model) ? (misses[model] ?? 0) + 1 : nil }
        }
    }
}
