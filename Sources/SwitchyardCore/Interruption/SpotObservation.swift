/// What has been seen of one pool's spot nodes of one instance family: the node-hours they ran and how many of them
/// were reclaimed (Karpenter `SpotInterrupted` warnings).
public struct SpotObservation: Codable, Sendable, Equatable, Hashable {
    public var pool: String
    /// The instance family, e.g. `inf2`.
    public var family: String
    public var nodeHours: Double
    public var interruptions: Int

    public init(pool: String, family: String, nodeHours: Double = 0, interruptions: Int = 0) {
        self.pool = pool
        self.family = family
        self.nodeHours = nodeHours
        self.interruptions = interruptions
    }

    /// The family of an instance type name: what comes before its first dot (`inf2.xlarge` → `inf2`).
    public static func family(ofInstanceType name: String) -> String {
        String(name.split(separator: ".", maxSplits: 1).first ?? Substring(name))
    }
}
