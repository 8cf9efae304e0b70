import Foundation
import SwitchyardCore

/// A capacity signal as the store received it: its row id, and whether a failover pass has folded it yet.
public struct StoredCapacitySignal: Codable, Sendable, Equatable {
    public var id: Int64
    public var signal: CapacitySignal
    public var receivedAt: Date
    /// When a pass folded the signal into pool health; nil while it is pending.
    public var foldedAt: Date?

    public init(id: Int64, signal: CapacitySignal, receivedAt: Date, foldedAt: Date? = nil) {
        self.id = id
        self.signal = signal
        self.receivedAt = receivedAt
        self.foldedAt = foldedAt
    }
}
