/// The policies a replay compares on the same trace.
public enum ReplayStrategy: String, Codable, Sendable, CaseIterable, Hashable {
    /// The `cost` plan's weights, never changed.
    case staticCost
    /// The `capacity` plan's weights, never changed.
    case staticCapacity
    /// Switchyard: cost, switching to capacity when a cost pool is short and back after the hold time;
    /// the short pool's ready replicas keep serving up to what they carry.
    case switchyardFailover
    /// Switchyard: cost, switching to the optimal plan around the short pools' ready replicas and back.
    case switchyardOptimal
    /// Switchyard's adaptive configuration: the cheapest mix for the demand forecast, re-planned every
    /// interval with hysteresis, moved make-before-break, short pools re-solved around their ready replicas.
    case switchyardAdaptive
    /// Seed 004's sample: every 300 s scans its logs for insufficient-capacity errors (a node that
    /// could not launch) in any pool, switches to the capacity weights of every unit, and reverts
    /// only when told.
    case sampleController
    /// Instant provisioning and no minimum replicas: at each step the cheapest replicas that serve
    /// that step's demand, except that a short pool cannot grow. The lower bound the others are
    /// measured against.
    case oracle
    /// Perfect foresight of demand with the same launch and load delays and the same target utilisation as
    /// `switchyardAdaptive`:
    /// at each step the cheapest replicas carrying demand / target utilisation, each launched exactly its
    /// time to serve ahead and paid from its launch. The lower bound for strategies that live with delays.
    case clairvoyant

    /// Whether it is a bound computed with foresight rather than a policy that runs step by step.
    public var isBound: Bool { self == .oracle || self == .clairvoyant }

    /// A short label for tables and charts.
    public var label: String {
        switch self {
        case .staticCost: "static cost"
        case .staticCapacity: "static capacity"
        case .switchyardFailover: "switchyard failover"
        case .switchyardOptimal: "failover to optimal"
        case .switchyardAdaptive: "switchyard adaptive"
        case .sampleController: "sample controller"
        case .oracle: "oracle"
        case .clairvoyant: "clairvoyant"
        }
    }
}
