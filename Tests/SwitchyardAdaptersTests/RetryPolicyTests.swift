import AsyncHTTPClient
import Foundation
import Synchronization
import Testing
@testable import SwitchyardAdapters

/// Records the waits a ``RetryPolicy`` asks for instead of sleeping.
final class SleepRecorder: Sendable {
    private let waits = Mutex<[Duration]>([])
    var recorded: [Duration] { waits.withLock { $0 } }
    func sleep(_ duration: Duration) async throws { waits.withLock { $0.append(duration) } }
}

private struct Transient: RetryableFailure {
    var retryDisposition: RetryDisposition { .retry(after: nil) }
}

private struct Permanent: RetryableFailure {
    var retryDisposition: RetryDisposition { .fail }
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("backoff is a full-jitter draw under a doubling ceiling, capped")
    func fullJitterBackoff() {
        let half = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(500), random: { 0.5 })
        #expect(half.backoff(attempt: 1) == .milliseconds(50))
        #expect(half.backoff(attempt: 2) == .milliseconds(100))
        #expect(half.backoff(attempt: 3) == .milliseconds(200))
        // 100 ms * 2^3 = 800 ms exceeds the 500 ms cap.
        #expect(half.backoff(attempt: 4) == .milliseconds(250))
        #expect(half.backoff(attempt: 40) == .milliseconds(250))
        let zero = RetryPolicy(baseDelay: .seconds(1), random: { 0 })
        #expect(zero.backoff(attempt: 3) == .zero)
    }

    @Test("a server's Retry-After wins over backoff and is capped at maxRetryAfter")
    func retryAfterWins() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(30), random: { 0.5 })
        #expect(policy.delay(after: AWSError.service(Self.serviceError(429, after: .seconds(7))), attempt: 1) == .seconds(7))
        #expect(policy.delay(after: AWSError.service(Self.serviceError(503, after: .seconds(600))), attempt: 1) == .seconds(30))
    }

    @Test("HTTP status classification: 429 and 5xx retry, other 4xx never")
    func statusClassification() {
        #expect(RetryDisposition.forHTTPStatus(429) == .retry(after: nil))
        #expect(RetryDisposition.forHTTPStatus(500) == .retry(after: nil))
        #expect(RetryDisposition.forHTTPStatus(503, retryAfter: .seconds(2)) == .retry(after: .seconds(2)))
        for status in [400, 401, 403, 404, 409, 410, 422] {
            #expect(RetryDisposition.forHTTPStatus(status) == .fail, "status \(status)")
        }
    }

    @Test("errors that are not RetryableFailure, and cancellation, end the run at once")
    func unknownErrorsAreNotRetried() async {
        let sleeps = SleepRecorder()
        let policy = RetryPolicy(maxAttempts: 5, sleep: sleeps.sleep)
        let calls = Mutex(0)
        await #expect(throws: CancellationError.self) {
            try await policy.run { _ in
                calls.withLock { $0 += 1 }
                throw CancellationError()
            }
        }
        await #expect(throws: Permanent.self) {
            try await policy.run { _ in
                calls.withLock { $0 += 1 }
                throw Permanent()
            }
        }
        #expect(calls.withLock { $0 } == 2)
        #expect(sleeps.recorded.isEmpty)
    }

    @Test("a transient failure is retried until maxAttempts, then rethrown unchanged")
    func attemptsAreCapped() async {
        let sleeps = SleepRecorder()
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), random: { 1 }, sleep: sleeps.sleep)
        let attempts = Mutex<[Int]>([])
        await #expect(throws: Transient.self) {
            try await policy.run { attempt in
                attempts.withLock { $0.append(attempt) }
                throw Transient()
            }
        }
        #expect(attempts.withLock { $0 } == [1, 2, 3])
        #expect(sleeps.recorded == [.seconds(1), .seconds(2)])
    }

    @Test("Retry-After is read as seconds or as an HTTP date")
    func retryAfterHeader() {
        let now = Date(timeIntervalSince1970: 1_445_412_480) // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryAfter.delay(fromHeader: "120", now: now) == .seconds(120))
        #expect(RetryAfter.delay(fromHeader: "Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.delay(fromHeader: "Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
        #expect(RetryAfter.delay(fromHeader: "soon", now: now) == nil)
        #expect(RetryAfter.delay(fromHeader: nil, now: now) == nil)
        #expect(RetryAfter.delay(fromHeader: "-5", now: now) == nil)
    }

    static func serviceError(_ status: Int, after: Duration?) -> AWSServiceError {
        AWSServiceError(action: "Test", statusCode: status, code: "X", message: "x", region: "r", endpoint: "e", retryAfter: after)
    }
}
