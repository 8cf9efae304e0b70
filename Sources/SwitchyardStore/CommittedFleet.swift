import Foundation
import SwitchyardCore

/// The committed fleet as one read transaction saw it, immutable: each kind's resources with what the API serves of
/// them (timestamps, entity tags), and the planner's ``FleetIndex`` over the same values. Both engines hold one until
/// a commit changes a fleet table, so that gets, listings, plans and renders read memory, not the database.
///
/// The index's ``Fleet`` shares the resources' arrays: one copy of each value is held.
package struct CommittedFleet: Sendable {
    package let models: StoredResources<ServedModel>
    package let instanceTypes: StoredResources<InstanceType>
    package let pools: StoredResources<CapacityPool>
    package let units: StoredResources<DeploymentUnit>
    package let index: FleetIndex

    package init(
        models: StoredResources<ServedModel>, instanceTypes: StoredResources<InstanceType>,
        pools: StoredResources<CapacityPool>, units: StoredResources<DeploymentUnit>, benchmarks: [BenchmarkRun]
    ) {
        self.models = models
        self.instanceTypes = instanceTypes
        self.pools = pools
        self.units = units
        index = FleetIndex(Fleet(
            models: models.values, instanceTypes: instanceTypes.values, pools: pools.values, units: units.values,
            benchmarks: benchmarks))
    }

    /// The resource of `type` named `name`; `notFound` when there is none.
    package func get<R: FleetResource>(_ type: R.Type, named name: String) throws -> Stored<R> {
        guard let stored = try self[keyPath: R.committed].stored(named: name) else {
            throw StoreError.notFound(kind: R.kind, name: name)
        }
        return stored
    }

    /// Resources of `type` in name order, `limit` (clamped to 1...1000) at a time after `cursor`; units honour
    /// `filter`. The cursor is the one the database listing issues: the last name of the previous page.
    package func list<R: FleetResource>(_ type: R.Type, filter: ResourceFilter, after cursor: String?, limit: Int)
        throws -> Page<Stored<R>>
    {
        let key = try cursor.map(Cursor.decode)
        let page = try self[keyPath: R.committed].page(filter: filter, after: key, limit: Cursor.clamp(limit))
        let next = page.hasMore ? page.items.last.map { Cursor.encode($0.value.name) } : nil
        return Page(items: page.items, nextCursor: next)
    }
}
