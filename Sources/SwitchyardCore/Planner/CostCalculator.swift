/// Cost per inference of a unit: hourly price / (breaking point × 3600), stated in US$ per 1,000 inferences.
public struct CostCalculator: Sendable {
    public init() {}

    /// US$ per 1,000 inferences for an hourly price and a breaking point; nil unless both are finite and
    /// positive, so that no caller ever sees a zero division or an infinite cost.
    public func costPer1kInferences(hourlyUSD: Double, breakingPointRPS: Double) -> Double? {
        guard hourlyUSD.isFinite, hourlyUSD > 0, breakingPointRPS.isFinite, breakingPointRPS > 0 else { return nil }
        let cost = hourlyUSD * 1000 / (breakingPointRPS * 3600)
        return cost.isFinite ? cost : nil
    }

    /// The unit's cost at its own region and capacity type, with on-demand and spot alongside where the
    /// instance type has those prices. Nil when the instance type is unknown or has no usable price there.
    public func cost(of unit: DeploymentUnit, instanceType: InstanceType?, breakingPointRPS: Double) -> UnitCost? {
        guard let instanceType,
              let hourly = instanceType.hourlyPrice(region: unit.region, capacityType: unit.capacityType),
              let perThousand = costPer1kInferences(hourlyUSD: hourly, breakingPointRPS: breakingPointRPS)
        else { return nil }
        func at(_ capacityType: CapacityType) -> Double? {
            instanceType.hourlyPrice(region: unit.region, capacityType: capacityType).flatMap {
                costPer1kInferences(hourlyUSD: $0, breakingPointRPS: breakingPointRPS)
            }
        }
        return UnitCost(
            unit: unit.name, region: unit.region, capacityType: unit.capacityType, hourlyUSD: hourly,
            costPer1kInferencesUSD: perThousand,
            onDemandCostPer1kInferencesUSD: at(.onDemand), spotCostPer1kInferencesUSD: at(.spot)
        )
    }

    /// Why `cost(of:instanceType:breakingPointRPS:)` returned nil, as a sentence.
    public func missingPriceDetail(of unit: DeploymentUnit, instanceType: InstanceType?) -> String {
        guard let instanceType else { return "instance type \(unit.instanceType) is not registered" }
        guard let hourly = instanceType.hourlyPrice(region: unit.region, capacityType: unit.capacityType) else {
            return "\(instanceType.name) has no \(unit.capacityType.rawValue) price in \(unit.region)"
        }
        return "\(instanceType.name)'s \(unit.capacityType.rawValue) price in \(unit.region) (\(hourly)) is not a positive amount"
    }
}
