/// Checks fleet values against the rules of the domain, without IO: values in, violations out.
///
/// Field paths follow the domain types' JSON keys. A single resource reports paths relative to
/// itself (`slo.latencyThresholdMs`, `prices[1].hourlyUSD`); a whole fleet prefixes them with the
/// section and index (`units[2].pool`). Every violation is reported, not just the first.
public enum FleetValidator {
    /// Names that already exist outside the document being checked (for example, in the store).
    public struct KnownNames: Sendable, Equatable {
        public var models: Set<String>
        public var instanceTypes: Set<String>
        public var pools: Set<String>
        public var units: Set<String>

        public init(models: Set<String> = [], instanceTypes: Set<String> = [], pools: Set<String> = [], units: Set<String> = []) {
            self.models = models
            self.instanceTypes = instanceTypes
            self.pools = pools
            self.units = units
        }
    }

    /// Everything wrong with a fleet document on its own: each resource's fields, and names
    /// given twice within a section.
    public static func violations(of fleet: Fleet) -> [FieldViolation] {
        var result: [FieldViolation] = []
        for (index, model) in fleet.models.enumerated() {
            result += violations(of: model, at: "models[\(index)]")
        }
        for (index, instanceType) in fleet.instanceTypes.enumerated() {
            result += violations(of: instanceType, at: "instanceTypes[\(index)]")
        }
        for (index, pool) in fleet.pools.enumerated() {
            result += violations(of: pool, at: "pools[\(index)]")
        }
        for (index, unit) in fleet.units.enumerated() {
            result += violations(of: unit, at: "units[\(index)]")
        }
        for (index, run) in fleet.benchmarks.enumerated() {
            result += violations(of: run, at: "benchmarks[\(index)]")
        }
        result += duplicateNames(fleet.models.map(\.name), section: "models")
        result += duplicateNames(fleet.instanceTypes.map(\.name), section: "instanceTypes")
        result += duplicateNames(fleet.pools.map(\.name), section: "pools")
        result += duplicateNames(fleet.units.map(\.name), section: "units")
        result += nodeClassConflicts(fleet.pools)
        let pools = Dictionary(fleet.pools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, unit) in fleet.units.enumerated() {
            guard let pool = pools[unit.pool] else { continue }
            result += capacityKindMismatch(of: unit, pool: pool)
                .map { FieldViolation(field: "units[\(index)].\($0.field)", message: $0.message) }
        }
        return result
    }

    /// Pools of a document that manage a node class an earlier pool of it manages.
    static func nodeClassConflicts(_ pools: [CapacityPool]) -> [FieldViolation] {
        var managers: [String: String] = [:]
        var result: [FieldViolation] = []
        for (index, pool) in pools.enumerated() {
            if let conflict = nodeClassConflict(of: pool, managers: managers) {
                result.append(FieldViolation(field: "pools[\(index)].\(conflict.field)", message: conflict.message))
            } else if case .managed = pool.nodeClass {
                managers[pool.name] = pool.nodeClass?.className(forPool: pool.name)
            }
        }
        return result
    }

    /// A pool that manages a node class another pool already manages (`managers`: pool name to the name of the
    /// node class it manages). One pool manages a node class; the others reference it with `existing`.
    public static func nodeClassConflict(of pool: CapacityPool, managers: [String: String]) -> FieldViolation? {
        guard case .managed(_, let name) = pool.nodeClass else { return nil }
        let className = name ?? pool.name
        guard let manager = managers.filter({ $0.value == className && $0.key != pool.name }).keys.min() else { return nil }
        return FieldViolation(
            field: name == nil ? "nodeClass" : "nodeClass.name",
            message: "pool \(manager) already manages node class \(className); reference it with existing: \(className)")
    }

    /// References in a fleet document that resolve neither within the document nor among `known`:
    /// a unit's model, instance type and pool, and a benchmark run's unit.
    public static func unresolvedReferences(in fleet: Fleet, known: KnownNames = KnownNames()) -> [FieldViolation] {
        let models = known.models.union(fleet.models.map(\.name))
        let instanceTypes = known.instanceTypes.union(fleet.instanceTypes.map(\.name))
        let pools = known.pools.union(fleet.pools.map(\.name))
        let units = known.units.union(fleet.units.map(\.name))
        var result: [FieldViolation] = []
        for (index, unit) in fleet.units.enumerated() {
            result += unresolvedReferences(of: unit, models: models, instanceTypes: instanceTypes, pools: pools)
                .map { FieldViolation(field: "units[\(index)].\($0.field)", message: $0.message) }
        }
        for (index, run) in fleet.benchmarks.enumerated() where !units.contains(run.unit) {
            result.append(FieldViolation(field: "benchmarks[\(index)].unit", message: "unknown unit '\(run.unit)'"))
        }
        return result
    }

    /// A unit's references that are not among the given names, with fields `model`, `instanceType`, `pool`.
    public static func unresolvedReferences(
        of unit: DeploymentUnit, models: Set<String>, instanceTypes: Set<String>, pools: Set<String>
    ) -> [FieldViolation] {
        var result: [FieldViolation] = []
        if !models.contains(unit.model) {
            result.append(FieldViolation(field: "model", message: "unknown model '\(unit.model)'"))
        }
        if !instanceTypes.contains(unit.instanceType) {
            result.append(FieldViolation(field: "instanceType", message: "unknown instance type '\(unit.instanceType)'"))
        }
        if !pools.contains(unit.pool) {
            result.append(FieldViolation(field: "pool", message: "unknown pool '\(unit.pool)'"))
        }
        return result
    }

    private static func duplicateNames(_ names: [String], section: String) -> [FieldViolation] {
        var seen: Set<String> = []
        var result: [FieldViolation] = []
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            result.append(FieldViolation(field: "\(section)[\(index)].name", message: "duplicate name '\(name)'"))
        }
        return result
    }
}
