/// Repeats an operation that failed transiently: capped exponential backoff with full jitter, and the
/// server's `Retry-After` when it gave one.
///
/// Only errors conforming to ``RetryableFailure`` that answer `.retry` are repeated; anything else
/// (including cancellation) is rethrown at once. After the last attempt the last error is rethrown
/// unchanged, so callers keep their typed errors.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (1 means no retries).
    public var maxAttempts: Int
    /// The backoff ceiling before the first retry; doubled on each further retry.
    public var baseDelay: Duration
    /// The most any computed backoff may reach.
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; a server asking for more gets this.
    public var maxRetryAfter: Duration
    /// Returns a number in `0..<1`; injected so tests can fix the jitter.
    public var random: @Sendable () -> Double
    /// Waits; injected so tests can record waits instead of sleeping.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(10),
        maxRetryAfter: Duration = .seconds(120),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.random = random
        self.sleep = sleep
    }

    /// One attempt, no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Runs `operation` (given the attempt number, from 1) until it succeeds, fails permanently, or
    /// the attempts are used up.
    public func run<T>(_ operation: (_ attempt: Int) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation(attempt)
            } catch {
                guard attempt < maxAttempts, let wait = delay(after: error, attempt: attempt) else { throw error }
                try await sleep(wait)
                attempt += 1
            }
        }
    }

    /// The wait before the attempt after `attempt`, or nil when `error` must not be retried.
    public func delay(after error: any Error, attempt: Int) -> Duration? {
        guard let failure = error as? any RetryableFailure else { return nil }
        switch failure.retryDisposition {
        case .fail:
            return nil
        case .retry(let after?):
            return min(after, maxRetryAfter)
        case .retry(nil):
            return backoff(attempt: attempt)
        }
    }

    /// Full jitter: a uniform draw between zero and `min(maxDelay, baseDelay * 2^(attempt-1))`.
    public func backoff(attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let fraction = min(max(random(), 0), 1)
        return ceiling * fraction
    }
}
