extension FailoverController: RoutingStateSource {
    /// The routing in force for the apply pipeline: during a pass the configuration being pushed, otherwise
    /// the committed one.
    public func current() async throws -> RoutingOverrides {
        let routing = try await routingInForce()
        return RoutingOverrides(strategies: routing.strategies, shortPools: routing.shortPools)
    }
}
