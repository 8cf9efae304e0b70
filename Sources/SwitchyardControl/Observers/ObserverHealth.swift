import Foundation
import Synchronization

/// What each supervised capacity observer is doing: watching, or retrying since when and why; its last signal
/// and how often it was restarted. Shown in `GET /v1/failover`, exported as metrics and judged by `/readyz`.
public final class ObserverHealth: Sendable {
    /// One observer's state.
    public struct Entry: Codable, Sendable, Equatable {
        public var observer: String
        public var state: State
        /// In this state since.
        public var since: Date
        /// When it last reported a signal.
        public var lastSignalAt: Date?
        /// Why it is retrying; nil while watching.
        public var lastError: String?
        /// How often its stream was started again after it ended.
        public var restarts: Int
    }

    public enum State: String, Codable, Sendable {
        /// Started, not yet reached its source.
        case starting
        /// Reached its source and observing.
        case watching
        /// Lost its source; being retried.
        case retrying
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// Every observer's state, by name.
    public func snapshot() -> [Entry] {
        entries.withLock { $0.values.sorted { $0.observer < $1.observer } }
    }

    /// Observers not watching for longer than `threshold` seconds at `now`.
    public func down(longerThan threshold: TimeInterval, at now: Date) -> [Entry] {
        snapshot().filter { $0.state != .watching && now.timeIntervalSince($0.since) > threshold }
    }

    func starting(_ observer: String, at time: Date) {
        entries.withLock { entries in
            entries[observer] = Entry(observer: observer, state: .starting, since: time, restarts: entries[observer]?.restarts ?? 0)
        }
    }

    func watching(_ observer: String, at time: Date) {
        update(observer) { entry in
            if entry.state != .watching { entry.since = time }
            entry.state = .watching
            entry.lastError = nil
        }
    }

    /// Lost its source; `since` stays at the first failure of an outage.
    func retrying(_ observer: String, error: String, at time: Date) {
        update(observer) { entry in
            if entry.state == .watching { entry.since = time }
            entry.state = .retrying
            entry.lastError = error
        }
    }

    func signalled(_ observer: String, at time: Date) {
        update(observer) { $0.lastSignalAt = time }
    }

    func restarted(_ observer: String) {
        update(observer) { $0.restarts += 1 }
    }

    private func update(_ observer: String, _ change: (inout Entry) -> Void) {
        entries.withLock { entries in
            var entry = entries[observer] ?? Entry(observer: observer, state: .starting, since: Date(), restarts: 0)
            change(&entry)
            entries[observer] = entry
        }
    }
}
