/// An EC2 instance type with its accelerator, the Kubernetes device resource it advertises, and its prices.
public struct InstanceType: Codable, Sendable, Equatable, Hashable {
    public var name: String
    /// EC2 family, e.g. `inf2`, `g5`.
    public var family: String
    public var accelerator: Accelerator
    /// Kubernetes extended resource, e.g. `nvidia.com/gpu`, `aws.amazon.com/neuron`.
    public var deviceResource: String
    public var vcpu: Int
    public var memoryGiB: Double
    public var arch: CPUArchitecture
    public var prices: [InstancePrice]

    public init(
        name: String, family: String, accelerator: Accelerator, deviceResource: String,
        vcpu: Int, memoryGiB: Double, arch: CPUArchitecture = .amd64, prices: [InstancePrice]
    ) {
        self.name = name
        self.family = family
        self.accelerator = accelerator
        self.deviceResource = deviceResource
        self.vcpu = vcpu
        self.memoryGiB = memoryGiB
        self.arch = arch
        self.prices = prices
    }

    /// The hourly price in a region for a capacity type, if one is registered.
    public func hourlyPrice(region: String, capacityType: CapacityType) -> Double? {
        prices.first { $0.region == region && $0.capacityType == capacityType }?.hourlyUSD
    }
}

public struct Accelerator: Codable, Sendable, Equatable, Hashable {
    /// e.g. `nvidia`, `aws`.
    public var vendor: String
    /// e.g. `a10g`, `l4`, `inferentia2`, `trainium`.
    public var name: String
    public var count: Int
    public var memoryGiB: Double

    public init(vendor: String, name: String, count: Int, memoryGiB: Double) {
        self.vendor = vendor
        self.name = name
        self.count = count
        self.memoryGiB = memoryGiB
    }
}

public struct InstancePrice: Codable, Sendable, Equatable, Hashable {
    public var region: String
    public var capacityType: CapacityType
    public var hourlyUSD: Double

    public init(region: String, capacityType: CapacityType, hourlyUSD: Double) {
        self.region = region
        self.capacityType = capacityType
        self.hourlyUSD = hourlyUSD
    }
}

/// Karpenter's `karpenter.sh/capacity-type` values.
public enum CapacityType: String, Codable, Sendable, CaseIterable, Hashable {
    case onDemand = "on-demand"
    case spot
    /// An On-Demand Capacity Reservation or Capacity Block: billed whether used or not, so its marginal price is
    /// zero up to the reservation's instance count. Instance types carry no price for it.
    case reserved

    /// Whether instance types carry a price for this kind (reserved capacity is billed at its reservation's rate).
    public var isPriced: Bool { self != .reserved }
}

/// `kubernetes.io/arch` values.
public enum CPUArchitecture: String, Codable, Sendable, CaseIterable, Hashable {
    case amd64, arm64
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension InstanceType {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            family: try container.decode(String.self, forKey: .family),
            accelerator: try container.decode(Accelerator.self, forKey: .accelerator),
            deviceResource: try container.decode(String.self, forKey: .deviceResource),
            vcpu: try container.decode(Int.self, forKey: .vcpu),
            memoryGiB: try container.decode(Double.self, forKey: .memoryGiB),
            arch: try container.decodeIfPresent(CPUArchitecture.self, forKey: .arch) ?? .amd64,
            prices: try container.decodeIfPresent([InstancePrice].self, forKey: .prices) ?? []
        )
    }
}
