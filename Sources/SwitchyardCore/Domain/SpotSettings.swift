/// How a model uses spot capacity: SkyServe's spot share with a base on-demand fallback, and spare spot nodes
/// (SkyServe's overprovisioning) so a reclaimed node's traffic has warm capacity to move to.
public struct SpotSettings: Codable, Sendable, Equatable, Hashable {
    /// The largest fraction of the model's required capacity planned on spot, 0...1.
    public var maxShare: Double
    /// The fraction of the model's required capacity that on-demand and reserved capacity carry alone, so the SLO
    /// holds with every spot node gone, 0...1.
    public var onDemandFloor: Double
    /// Spot nodes that may be reclaimed at once with the required capacity still carried: a plan with spot replicas
    /// keeps this many of its largest spot replicas' capacity beyond the requirement. 0: no spare.
    public var spareNodes: Int

    public init(maxShare: Double = 1, onDemandFloor: Double = 0, spareNodes: Int = 0) {
        self.maxShare = maxShare
        self.onDemandFloor = onDemandFloor
        self.spareNodes = spareNodes
    }

    /// The fraction of required capacity spot may carry with both bounds honoured: total capacity at least the
    /// requirement and spot at most this leave the floor to on-demand and reserved capacity.
    public var spotCeiling: Double {
        let share = maxShare.isFinite ? min(max(maxShare, 0), 1) : 0
        let floor = onDemandFloor.isFinite ? min(max(onDemandFloor, 0), 1) : 1
        return min(share, 1 - floor)
    }

    /// `spareNodes`, never negative.
    public var spares: Int { max(0, spareNodes) }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension SpotSettings {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            maxShare: try container.decodeIfPresent(Double.self, forKey: .maxShare) ?? 1,
            onDemandFloor: try container.decodeIfPresent(Double.self, forKey: .onDemandFloor) ?? 0,
            spareNodes: try container.decodeIfPresent(Int.self, forKey: .spareNodes) ?? 0
        )
    }
}
