/// Where the apply pipeline learns the routing state in force (normally the failover loop's).
public protocol RoutingStateSource: Sendable {
    func current() async throws -> RoutingOverrides
}

/// A fixed routing state: every model on its default strategy and no pool short, unless told otherwise.
public struct StaticRoutingStateSource: RoutingStateSource {
    public var overrides: RoutingOverrides

    public init(_ overrides: RoutingOverrides = RoutingOverrides()) {
        self.overrides = overrides
    }

    public func current() async throws -> RoutingOverrides { overrides }
}
