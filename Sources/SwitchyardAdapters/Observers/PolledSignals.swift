import Logging
import SwitchyardCore

/// The stream of an observer that polls: one observation every `interval`, yielding a pool's signal only when
/// its condition changed since the last one reported. A failed observation is logged, reported `down` and the
/// next one tried; the first one that answers after it reports `up`.
enum PolledSignals {
    static func stream(
        every interval: Duration, clock: any Clock<Duration>, logger: Logger,
        observe: @escaping @Sendable () async throws -> [CapacitySignal]
    ) -> AsyncStream<ObserverEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ObserverEvent.self)
        let task = Task {
            var reported: [String: CapacityCondition] = [:]
            var up: Bool?
            while !Task.isCancelled {
                do {
                    let signals = try await observe()
                    if up != true {
                        up = true
                        continuation.yield(.up)
                    }
                    for signal in signals where reported[signal.pool] != signal.condition {
                        reported[signal.pool] = signal.condition
                        continuation.yield(.signal(signal))
                    }
                } catch {
                    logger.warning("capacity observation failed", metadata: ["error": "\(error)"])
                    up = false
                    continuation.yield(.down(String(describing: error)))
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
