import SwitchyardCore

/// The registered fleet as it is now, read by observers on each pass so pools and units added after start are
/// watched without a restart.
public protocol FleetView: Sendable {
    func currentFleet() async throws -> Fleet
}

/// A fleet that does not change.
public struct FixedFleetView: FleetView {
    public var fleet: Fleet

    public init(_ fleet: Fleet) {
        self.fleet = fleet
    }

    public func currentFleet() async throws -> Fleet { fleet }
}
