internal import Foundation
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import SwitchyardCore

/// Runs replays off the request path: each on a thread of its own at a lower priority, so a long simulation never
/// holds a thread of the cooperative pool that serves `/healthz` and every other request, nor outruns it for CPU;
/// at most `maxConcurrent` at once (`APIError.tooManyRequests` beyond, answered 429); each stopped when its request
/// is cancelled, when the server begins to shut down, or after `timeLimit`.
final class ReplayRunner: Sendable {
    let settings: ReplaySettings
    private let running = Mutex(0)

    init(settings: ReplaySettings) {
        self.settings = settings
    }

    /// The report of `scenario` under every strategy, or `ReplayError.cancelled` when it was stopped.
    func run(_ scenario: ReplayScenario) async throws -> ReplayReport {
        try await run(scenario) { $0 }
    }

    /// `render` of the report of `scenario`, computed on the replay's thread too: turning a long report into a
    /// response body is work of the same size as the replay, kept off the threads that serve requests.
    func run<Rendered: Sendable>(
        _ scenario: ReplayScenario, render: @escaping @Sendable (ReplayReport) throws -> Rendered
    ) async throws -> Rendered {
        guard acquire() else {
            throw APIError.tooManyRequests(
                detail: "At most \(settings.maxConcurrent) replays run at once; try again shortly.",
                retryAfterSeconds: settings.retryAfterSeconds)
        }
        defer { release() }
        let stop = StopFlag()
        let simulator = ReplaySimulator(maxSteps: settings.maxSteps, isCancelled: { stop.isSet })
        let timer = Task {
            try? await Task.sleep(for: settings.timeLimit)
            stop.set()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await Self.onOwnThread { try render(try simulator.run(scenario)) }
            } onGracefulShutdown: {
                stop.set()
            }
        } onCancel: {
            stop.set()
        }
    }

    private func acquire() -> Bool {
        running.withLock { count in
            guard count < settings.maxConcurrent else { return false }
            count += 1
            return true
        }
    }

    private func release() {
        running.withLock { $0 -= 1 }
    }

    /// The name of a replay's thread.
    static let threadName = "sy-replay"

    /// Runs `work` on a new thread and resumes with its outcome.
    private static func onOwnThread<Value: Sendable>(
        _ work: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                #if canImport(Glibc)
                // Linux keeps a nice value per thread: a replay takes the CPU the threads that serve requests leave.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                // Named for `top -H` and /proc (Linux keeps at most 15 characters).
                try? Self.threadName.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
                #endif
                continuation.resume(with: Result { try work() })
            }
            thread.name = threadName
            thread.start()
        }
    }
}

/// Set once, read from any thread: tells a running simulation to stop.
private final class StopFlag: Sendable {
    private let flag = Atomic(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}

/// The bounds on replays served over HTTP.
public struct ReplaySettings: Sendable {
    /// The most simulated steps per strategy; more answers 422.
    public var maxSteps: Int
    /// Replays running at once; more answer 429 with `Retry-After`.
    public var maxConcurrent: Int
    /// Wall-clock time one replay may take before it is stopped (503).
    public var timeLimit: Duration
    /// What `Retry-After` says when the replays are all taken.
    public var retryAfterSeconds: Int

    public init(
        maxSteps: Int = ReplaySimulator.defaultMaxSteps, maxConcurrent: Int = 2, timeLimit: Duration = .seconds(60),
        retryAfterSeconds: Int = 5
    ) {
        self.maxSteps = maxSteps
        self.maxConcurrent = maxConcurrent
        self.timeLimit = timeLimit
        self.retryAfterSeconds = retryAfterSeconds
    }
}
