import SwitchyardCore
import SwitchyardStore

/// The body of `POST /v1/what-if`: a planning question and the hypothetical changes to plan under.
struct WhatIfQuestion: Codable, Sendable {
    struct PriceOverride: Codable, Sendable {
        var instanceType: String
        var region: String
        var capacityType: CapacityType
        var hourlyUSD: Double
    }

    struct Overrides: Codable, Sendable {
        var prices: [PriceOverride]?
        var shortPools: [String]?
        var breakingPoints: [String: Double]?
    }

    var model: String
    var strategy: StrategyKind?
    var demandRPS: Double?
    var headroom: Double?
    var overrides: Overrides?

    /// The fleet as it would be with the overrides applied, or the violations that stop it.
    func apply(to fleet: Fleet) -> Result<Fleet, StoreError> {
        var fleet = fleet
        var violations: [FieldViolation] = []
        for (index, price) in (overrides?.prices ?? []).enumerated() {
            let field = "overrides.prices[\(index)]"
            guard let typeIndex = fleet.instanceTypes.firstIndex(where: { $0.name == price.instanceType }) else {
                violations.append(.init(field: "\(field).instanceType", message: "no instance type named '\(price.instanceType)'"))
                continue
            }
            guard price.hourlyUSD.isFinite, (0...DomainLimits.maxHourlyUSD).contains(price.hourlyUSD) else {
                violations.append(.init(
                    field: "\(field).hourlyUSD", message: "must be a price of 0 to \(Int(DomainLimits.maxHourlyUSD)) US$ per hour"))
                continue
            }
            var prices = fleet.instanceTypes[typeIndex].prices
            prices.removeAll { $0.region == price.region && $0.capacityType == price.capacityType }
            prices.append(InstancePrice(region: price.region, capacityType: price.capacityType, hourlyUSD: price.hourlyUSD))
            fleet.instanceTypes[typeIndex].prices = prices
        }
        for (unit, rps) in (overrides?.breakingPoints ?? [:]).sorted(by: { $0.key < $1.key }) {
            let field = "overrides.breakingPoints.\(unit)"
            guard let unitIndex = fleet.units.firstIndex(where: { $0.name == unit && $0.model == model }) else {
                violations.append(.init(field: field, message: "no unit named '\(unit)' serves model '\(model)'"))
                continue
            }
            guard rps.isFinite, (DomainLimits.minBreakingPointRPS...DomainLimits.maxRPS).contains(rps) else {
                violations.append(.init(
                    field: field,
                    message: "must be a throughput of \(DomainLimits.minBreakingPointRPS) to \(Int(DomainLimits.maxRPS)) rps"))
                continue
            }
            fleet.units[unitIndex].manualBreakingPointRPS = rps
        }
        let pools = Set(fleet.pools.map(\.name))
        for (index, pool) in (overrides?.shortPools ?? []).enumerated() where !pools.contains(pool) {
            violations.append(.init(field: "overrides.shortPools[\(index)]", message: "no pool named '\(pool)'"))
        }
        return violations.isEmpty ? .success(fleet) : .failure(.invalid(violations))
    }
}
