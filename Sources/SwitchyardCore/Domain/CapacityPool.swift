/// A capacity pool: the intent behind one Karpenter NodePool.
public struct CapacityPool: Codable, Sendable, Equatable, Hashable {
    public var name: String
    /// `karpenter.k8s.aws/instance-family` values, e.g. `inf2`, `trn1`.
    public var instanceFamilies: [String]
    /// `karpenter.k8s.aws/instance-gpu-name` values, e.g. `a10g`, `l4`; empty when families select.
    public var gpuNames: [String]
    /// `karpenter.sh/capacity-type` values the pool may launch: `on-demand`, `spot`, `reserved`.
    public var capacityTypes: [CapacityType]
    /// The capacity reservation behind `reserved`: its id (the EC2NodeClass's `capacityReservationSelectorTerms`)
    /// and how many instances it holds.
    public var reservation: CapacityReservation?
    /// Configured fraction of the pool's spot nodes reclaimed per hour, per instance family (`*`: any family);
    /// the planner prices spot at its expected cost with it.
    public var spotInterruptionRates: [String: Double]
    public var arch: [CPUArchitecture]
    public var limits: PoolLimits
    /// Karpenter NodePool weight, 1...100; higher is tried first. Nil lets the renderer prefer cheaper pools.
    public var weight: Int?
    public var taints: [Taint]
    public var consolidation: Consolidation
    /// The EC2NodeClass the pool's NodePool references; nil: the render settings' default node class.
    public var nodeClass: PoolNodeClass?

    public init(
        name: String, instanceFamilies: [String] = [], gpuNames: [String] = [],
        capacityTypes: [CapacityType] = [.onDemand], arch: [CPUArchitecture] = [.amd64],
        limits: PoolLimits = PoolLimits(), weight: Int? = nil, taints: [Taint] = [],
        consolidation: Consolidation = Consolidation(), nodeClass: PoolNodeClass? = nil,
        reservation: CapacityReservation? = nil, spotInterruptionRates: [String: Double] = [:]
    ) {
        self.name = name
        self.instanceFamilies = instanceFamilies
        self.gpuNames = gpuNames
        self.capacityTypes = capacityTypes
        self.arch = arch
        self.limits = limits
        self.weight = weight
        self.taints = taints
        self.consolidation = consolidation
        self.nodeClass = nodeClass
        self.reservation = reservation
        self.spotInterruptionRates = spotInterruptionRates
    }

    /// The configured share of spot nodes of `family` reclaimed per hour: the family's rate, else the pool's
    /// `*` rate, else nil.
    public func spotInterruptionRate(family: String) -> Double? {
        spotInterruptionRates[family] ?? spotInterruptionRates[CapacityPool.anyFamily]
    }

    /// The key of `spotInterruptionRates` that applies to every family without its own rate.
    public static let anyFamily = "*"
}

/// Upper bounds on what a pool may launch in total; nil means unbounded.
public struct PoolLimits: Codable, Sendable, Equatable, Hashable {
    public var cpu: Int?
    public var memoryGiB: Double?
    /// Total accelerator devices (the device resource's count).
    public var accelerators: Int?
    public var nodes: Int?

    public init(cpu: Int? = nil, memoryGiB: Double? = nil, accelerators: Int? = nil, nodes: Int? = nil) {
        self.cpu = cpu
        self.memoryGiB = memoryGiB
        self.accelerators = accelerators
        self.nodes = nodes
    }
}

public struct Taint: Codable, Sendable, Equatable, Hashable {
    public var key: String
    public var value: String?
    public var effect: TaintEffect

    public init(key: String, value: String? = nil, effect: TaintEffect) {
        self.key = key
        self.value = value
        self.effect = effect
    }
}

public enum TaintEffect: String, Codable, Sendable, CaseIterable, Hashable {
    case noSchedule = "NoSchedule"
    case preferNoSchedule = "PreferNoSchedule"
    case noExecute = "NoExecute"
}

/// Karpenter disruption settings.
public struct Consolidation: Codable, Sendable, Equatable, Hashable {
    public var policy: ConsolidationPolicy
    /// A Karpenter duration such as `30s`, `5m`, or `Never`.
    public var consolidateAfter: String

    public init(policy: ConsolidationPolicy = .whenEmptyOrUnderutilized, consolidateAfter: String = "5m") {
        self.policy = policy
        self.consolidateAfter = consolidateAfter
    }
}

public enum ConsolidationPolicy: String, Codable, Sendable, CaseIterable, Hashable {
    case whenEmpty = "WhenEmpty"
    case whenEmptyOrUnderutilized = "WhenEmptyOrUnderutilized"
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension CapacityPool {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            instanceFamilies: try container.decodeIfPresent([String].self, forKey: .instanceFamilies) ?? [],
            gpuNames: try container.decodeIfPresent([String].self, forKey: .gpuNames) ?? [],
            capacityTypes: try container.decodeIfPresent([CapacityType].self, forKey: .capacityTypes) ?? [.onDemand],
            arch: try container.decodeIfPresent([CPUArchitecture].self, forKey: .arch) ?? [.amd64],
            limits: try container.decodeIfPresent(PoolLimits.self, forKey: .limits) ?? PoolLimits(),
            weight: try container.decodeIfPresent(Int.self, forKey: .weight),
            taints: try container.decodeIfPresent([Taint].self, forKey: .taints) ?? [],
            consolidation: try container.decodeIfPresent(Consolidation.self, forKey: .consolidation) ?? Consolidation(),
            nodeClass: try container.decodeIfPresent(PoolNodeClass.self, forKey: .nodeClass),
            reservation: try container.decodeIfPresent(CapacityReservation.self, forKey: .reservation),
            spotInterruptionRates: try container.decodeIfPresent([String: Double].self, forKey: .spotInterruptionRates) ?? [:]
        )
    }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension Consolidation {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            policy: try container.decodeIfPresent(ConsolidationPolicy.self, forKey: .policy) ?? .whenEmptyOrUnderutilized,
            consolidateAfter: try container.decodeIfPresent(String.self, forKey: .consolidateAfter) ?? "5m"
        )
    }
}
