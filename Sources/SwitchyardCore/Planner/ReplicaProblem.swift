/// The small integer program behind the `optimal` strategy.
///
/// Choose replicas r_i ∈ {0} ∪ [max(1, minReplicas_i), maxReplicas_i] so that Σ r_i × capacity_i ≥
/// requiredRPS at the least Σ r_i × hourly_i, with each pool's resources respected (one replica is one
/// instance: its vCPUs, memory, accelerators and one node), each shared limit respected, and at most
/// `maxActiveUnits` groups in use (a unit without a group is a group of its own).
///
/// Shared limits bound what several units take together: the replicas of one deployment unit across its
/// capacity kinds, the instances of a capacity reservation, the capacity a model may put on spot.
public struct ReplicaProblem: Sendable, Equatable {
    public var units: [Unit]
    public var pools: [PoolLimits]
    public var requiredRPS: Double
    public var maxActiveUnits: Int
    /// Upper bounds shared by the units that claim them (`Unit.sharedClaims`).
    public var sharedLimits: [Double]

    public init(
        units: [Unit], pools: [PoolLimits], requiredRPS: Double, maxActiveUnits: Int = RouterLimits.alb.maxBackends,
        sharedLimits: [Double] = []
    ) {
        self.units = units
        self.pools = pools
        self.requiredRPS = requiredRPS
        self.maxActiveUnits = maxActiveUnits
        self.sharedLimits = sharedLimits
    }

    /// What one replica of a unit takes from a shared limit.
    public struct SharedClaim: Sendable, Equatable {
        /// Index into `sharedLimits`.
        public var limit: Int
        public var amount: Double

        public init(limit: Int, amount: Double) {
            self.limit = limit
            self.amount = amount
        }
    }

    /// One unit as the optimiser sees it.
    public struct Unit: Sendable, Equatable {
        /// Requests per second one replica carries (the breaking point).
        public var capacityRPS: Double
        /// Hourly price of one replica.
        public var hourlyUSD: Double
        public var minReplicas: Int
        public var maxReplicas: Int
        /// Index into `pools`; nil for a unit whose pool has no limits.
        public var pool: Int?
        public var usage: ResourceUsage
        public var sharedClaims: [SharedClaim]
        /// Units of one group take one place among `maxActiveUnits` together (the kinds of one deployment unit
        /// share its target group); nil: a group of its own.
        public var group: Int?

        public init(
            capacityRPS: Double, hourlyUSD: Double, minReplicas: Int, maxReplicas: Int, pool: Int?,
            usage: ResourceUsage, sharedClaims: [SharedClaim] = [], group: Int? = nil
        ) {
            self.capacityRPS = capacityRPS
            self.hourlyUSD = hourlyUSD
            self.minReplicas = minReplicas
            self.maxReplicas = maxReplicas
            self.pool = pool
            self.usage = usage
            self.sharedClaims = sharedClaims
            self.group = group
        }

        /// The least replicas the unit runs when it runs at all.
        public var lowestActiveReplicas: Int { max(1, minReplicas) }
    }

    /// What one replica takes from its pool.
    public struct ResourceUsage: Sendable, Equatable {
        public var cpu: Double
        public var memoryGiB: Double
        public var accelerators: Double
        public var nodes: Double

        public init(cpu: Double, memoryGiB: Double, accelerators: Double, nodes: Double = 1) {
            self.cpu = cpu
            self.memoryGiB = memoryGiB
            self.accelerators = accelerators
            self.nodes = nodes
        }

        /// One instance of a type.
        public init(instanceType: InstanceType) {
            self.init(
                cpu: Double(instanceType.vcpu), memoryGiB: instanceType.memoryGiB,
                accelerators: Double(instanceType.accelerator.count)
            )
        }
    }

    /// Whether replicas respect every replica bound, pool limit, shared limit and the active-group cap.
    public func isFeasible(_ replicas: [Int]) -> Bool {
        guard replicas.count == units.count else { return false }
        var used = Array(repeating: (0.0, 0.0, 0.0, 0.0), count: pools.count)
        var shared = Array(repeating: 0.0, count: sharedLimits.count)
        var groups: Set<Int> = []
        for (index, (unit, count)) in zip(units, replicas).enumerated() where count != 0 {
            guard count >= unit.lowestActiveReplicas, count <= unit.maxReplicas else { return false }
            groups.insert(unit.group ?? -1 - index)
            for claim in unit.sharedClaims {
                guard shared.indices.contains(claim.limit) else { return false }
                shared[claim.limit] += Double(count) * claim.amount
            }
            guard let pool = unit.pool else { continue }
            guard pools.indices.contains(pool) else { return false }
            let n = Double(count)
            used[pool].0 += n * unit.usage.cpu
            used[pool].1 += n * unit.usage.memoryGiB
            used[pool].2 += n * unit.usage.accelerators
            used[pool].3 += n * unit.usage.nodes
        }
        guard groups.count <= maxActiveUnits else { return false }
        for (limit, usage) in zip(sharedLimits, shared) where usage > limit + 1e-9 { return false }
        for (limits, usage) in zip(pools, used) {
            if let cpu = limits.cpu, usage.0 > Double(cpu) + 1e-9 { return false }
            if let memory = limits.memoryGiB, usage.1 > memory + 1e-9 { return false }
            if let accelerators = limits.accelerators, usage.2 > Double(accelerators) + 1e-9 { return false }
            if let nodes = limits.nodes, usage.3 > Double(nodes) + 1e-9 { return false }
        }
        return true
    }

    /// Σ r_i × capacity_i.
    public func capacityRPS(_ replicas: [Int]) -> Double {
        zip(units, replicas).reduce(0) { $0 + Double($1.1) * $1.0.capacityRPS }
    }

    /// Σ r_i × hourly_i.
    public func hourlyUSD(_ replicas: [Int]) -> Double {
        zip(units, replicas).reduce(0) { $0 + Double($1.1) * $1.0.hourlyUSD }
    }
}
