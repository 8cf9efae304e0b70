import Foundation
import SwitchyardCore

/// Observed demand per model, kept for a bounded retention, as both engines keep it.
public protocol DemandStore: Sendable {
    /// Stores `samples` (a repeated model, time and source replaces the rate), then prunes the same models' samples
    /// older than `retention`, in one transaction; `invalid` naming the field, `notFound` for an unknown model. With a
    /// `context` the report is audited. Returns the samples as stored (times to the millisecond).
    @discardableResult
    func appendDemandSamples(_ samples: [DemandSample], retention: TimeInterval, context: ChangeContext?) async throws
        -> [DemandSample]
    /// A model's samples at or after `since` (all kept when nil), oldest first: the newest `limit` of them (clamped to
    /// 1...``DemandRetention/maximumSamplesPerRead``). `notFound` when no such model is registered.
    func demandSamples(model: String, since: Date?, limit: Int) async throws -> [DemandSample]
}

/// How long demand samples are kept and how many one read returns, on either engine.
public enum DemandRetention {
    /// Eight days, so the one-day time-of-day profile always has a day before it.
    public static let defaultSeconds: TimeInterval = 8 * 86_400
    /// The most samples one read returns; the newest are kept.
    public static let maximumSamplesPerRead = 100_000
}

extension DemandStore {
    @discardableResult
    public func appendDemandSamples(_ samples: [DemandSample], context: ChangeContext? = nil) async throws
        -> [DemandSample]
    {
        try await appendDemandSamples(samples, retention: DemandRetention.defaultSeconds, context: context)
    }

    @discardableResult
    public func appendDemandSamples(_ samples: [DemandSample], retention: TimeInterval) async throws -> [DemandSample] {
        try await appendDemandSamples(samples, retention: retention, context: nil)
    }

    public func demandSamples(model: String, since: Date? = nil) async throws -> [DemandSample] {
        try await demandSamples(model: model, since: since, limit: DemandRetention.maximumSamplesPerRead)
    }
}
