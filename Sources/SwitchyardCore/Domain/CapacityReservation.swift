/// An EC2 On-Demand Capacity Reservation (or Capacity Block) a pool launches `reserved` nodes into.
public struct CapacityReservation: Codable, Sendable, Equatable, Hashable {
    /// The reservation's id, e.g. `cr-0123456789abcdef0`; selects it in the EC2NodeClass's
    /// `capacityReservationSelectorTerms`. Nil only in a document still missing it, which validation refuses.
    public var id: String?
    /// Instances the reservation holds: paid for whether used or not.
    public var instanceCount: Int

    public init(id: String?, instanceCount: Int) {
        self.id = id
        self.instanceCount = instanceCount
    }
}
