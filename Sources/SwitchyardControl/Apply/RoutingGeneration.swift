/// Where the routing in force stands: the failover state's commits and the hand-downs of failover pushes, counted.
/// Equal generations mean the routing in force has not changed in between; answers derived from it are held against it.
public struct RoutingGeneration: Sendable, Equatable, Hashable {
    /// The store's failover generation.
    public var stored: Int
    /// Hand-downs and settles of failover pushes in this process.
    public var handOvers: Int
}
