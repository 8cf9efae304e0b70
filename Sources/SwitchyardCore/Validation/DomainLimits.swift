/// The ranges every number of the domain must fall in, as the OpenAPI document declares them
/// (`minimum`/`maximum`). They are far beyond any real fleet and far inside what the planner's
/// arithmetic can carry, so no stored value can overflow a plan, a rendering or a replay.
public enum DomainLimits {
    /// Requests per second: demand, breaking points, benchmark loads (10 million).
    public static let maxRPS = 10_000_000.0
    /// The smallest breaking point a unit may be set to by hand, in requests per second.
    public static let minBreakingPointRPS = 0.001
    /// Latencies and latency thresholds, in milliseconds (one hour).
    public static let maxLatencyMs = 3_600_000.0
    /// An instance's price, in US$ per hour.
    public static let maxHourlyUSD = 10_000.0
    /// Replicas of one unit.
    public static let maxReplicas = 10_000
    /// Longest time to serve a unit may declare: a day, in seconds.
    public static let maxTimeToServeSeconds = 86_400.0
    /// Accelerator devices on one instance.
    public static let maxAcceleratorCount = 64
    /// vCPUs on one instance.
    public static let maxVCPU = 4_096
    /// Memory of one instance or its accelerators, in GiB (64 TiB).
    public static let maxInstanceMemoryGiB = 65_536.0
    /// A pool's total vCPUs, accelerators and nodes.
    public static let maxPoolCount = 10_000_000
    /// A pool's total memory, in GiB.
    public static let maxPoolMemoryGiB = 1_000_000_000.0
    /// Arguments of one serving container.
    public static let maxContainerArgs = 256
    /// Headroom over demand a plan may add, as a fraction.
    public static let headroom = 0.0...10.0
}
