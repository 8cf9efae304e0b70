import Foundation

/// One model's failover state: the configuration in force, since when, why, and any operator pin.
public struct ModelRouting: Codable, Sendable, Equatable {
    public var model: String
    public var configuration: ModelConfiguration
    /// When the configuration took effect; nil for the initial cost configuration.
    public var since: Date?
    public var reason: TransitionReason
    /// A sentence a person can read.
    public var detail: String
    /// The capacity signals behind the last switch.
    public var evidence: [CapacitySignal]
    /// An operator's pin: this configuration stays in force, whatever the pools do, until unpinned.
    public var pin: ModelConfiguration?
    /// When the model last switched; the minimum dwell counts from here.
    public var lastSwitchAt: Date?

    public init(
        model: String, configuration: ModelConfiguration = .cost, since: Date? = nil,
        reason: TransitionReason = .initial, detail: String = "", evidence: [CapacitySignal] = [],
        pin: ModelConfiguration? = nil, lastSwitchAt: Date? = nil
    ) {
        self.model = model
        self.configuration = configuration
        self.since = since
        self.reason = reason
        self.detail = detail
        self.evidence = evidence
        self.pin = pin
        self.lastSwitchAt = lastSwitchAt
    }
}

/// Why a model's configuration is what it is.
public enum TransitionReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// Nothing has happened yet: the cost configuration.
    case initial
    /// A pool carrying the cost configuration is short.
    case poolShort
    /// The set of short pools changed while failed over (optimal without short pools).
    case shortPoolsChanged
    /// Every pool carrying the cost configuration stayed healthy for the hold time.
    case poolsRecovered
    /// An operator pinned the configuration.
    case pinned
    /// An operator removed the pin and the pools decided.
    case unpinned
}
