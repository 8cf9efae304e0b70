import SwitchyardCore

/// A named fleet resource the store can get, list, put and delete.
public protocol FleetResource: Codable, Sendable, Equatable {
    static var kind: ResourceKind { get }
    var name: String { get }
}

extension ServedModel: FleetResource {
    public static var kind: ResourceKind { .model }
}

extension InstanceType: FleetResource {
    public static var kind: ResourceKind { .instanceType }
}

extension CapacityPool: FleetResource {
    public static var kind: ResourceKind { .pool }
}

extension DeploymentUnit: FleetResource {
    public static var kind: ResourceKind { .unit }
}
