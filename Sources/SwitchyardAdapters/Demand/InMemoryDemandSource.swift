import Foundation
import Synchronization
import SwitchyardCore

/// A ``DemandSource`` that answers what it was told, for tests and demos: a rate per model, or a failure. Its
/// samples have source `replay`: scripted, like a trace.
public final class InMemoryDemandSource: DemandSource {
    /// What the source answers for a model.
    public enum Answer: Sendable {
        case rate(Double)
        case failure(String)
    }

    /// The error of an answer set to `.failure`.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        public init(message: String) { self.message = message }
    }

    private struct State {
        var answers: [String: Answer] = [:]
        var asked: [String] = []
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date
    public let name: String

    public init(name: String = "in-memory", now: @escaping @Sendable () -> Date = { Date() }) {
        self.name = name
        self.now = now
    }

    /// Sets (or with nil removes) what the source answers for `model`.
    public func set(_ answer: Answer?, for model: String) {
        state.withLock { $0.answers[model] = answer }
    }

    /// Every model asked about, in order.
    public var asked: [String] { state.withLock { $0.asked } }

    public func sample(model: String) async throws -> DemandSample? {
        let answer = state.withLock { state in
            state.asked.append(model)
            return state.answers[model]
        }
        switch answer {
        case .rate(let rps): return DemandSample(model: model, observedAt: now(), rps: rps, source: "replay")
        case .failure(let message): throw Failure(message: message)
        case nil: return nil
        }
    }
}
