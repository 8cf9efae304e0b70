import Logging
import SwitchyardCore

/// The stream of an observer that polls: one observation every `interval`, yielding a pool's signal only when
/// its condition changed since the last one reported. A failed observation is logged and the next one tried.
enum PolledSignals {
    static func stream(
        every interval: Duration, clock: any Clock<Duration>, logger: Logger,
        observe: @escaping @Sendable () async throws -> [CapacitySignal]
    ) -> AsyncStream<CapacitySignal> {
        let (stream, continuation) = AsyncStream.makeStream(of: CapacitySignal.self)
        let task = Task {
            var reported: [String: CapacityCondition] = [:]
            while !Task.isCancelled {
                do {
                    for signal in try await observe() where reported[signal.pool] != signal.condition {
                        reported[signal.pool] = signal.condition
                        continuation.yield(signal)
                    }
                } catch {
                    logger.warning("capacity observation failed", metadata: ["error": "\(error)"])
                }
                do {
                    try await clock.sleep(for: interval)
                } catch {
                    break
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
