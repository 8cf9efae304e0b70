import SwitchyardCore
import SwitchyardStore

/// A fleet resource as the API serves it: the generated schema type it travels as, both ways, and the collection
/// its path is under.
protocol APIResource: FleetResource {
    associatedtype Schema: Codable & Sendable
    /// The path segment under `/v1`: `models`, `units`, `pools`, `instance-types`.
    static var collection: String { get }
    init(_ schema: Schema) throws
    func schema() throws -> Schema
}

extension ServedModel: APIResource {
    static var collection: String { "models" }
    func schema() throws -> Components.Schemas.ServedModel { try .init(self) }
}

extension InstanceType: APIResource {
    static var collection: String { "instance-types" }
    func schema() throws -> Components.Schemas.InstanceType { try .init(self) }
}

extension CapacityPool: APIResource {
    static var collection: String { "pools" }
    func schema() throws -> Components.Schemas.CapacityPool { try .init(self) }
}

extension DeploymentUnit: APIResource {
    static var collection: String { "units" }
    func schema() throws -> Components.Schemas.DeploymentUnit { try .init(self) }
}
