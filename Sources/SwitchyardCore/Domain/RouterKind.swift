/// What carries a model's weights to its units. Each router has its own hard limits, and the planner plans
/// within the limits of the model's router (`RouterLimits`).
public enum RouterKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// An AWS Load Balancer Controller Ingress whose `actions.*` annotation holds the weighted forward action.
    case albIngress = "alb-ingress"
    /// The same ALB forward action, written to a listener or rule through the ELBv2 API (the Ingress is still
    /// rendered, for the controller that creates the load balancer).
    case elbv2
    /// A Gateway API `HTTPRoute` whose rule's `backendRefs` carry the weights (any implementation: the AWS Load
    /// Balancer Controller, Envoy Gateway, Istio, ...).
    case gatewayAPI = "gateway-api"

    /// How many backends one weighted rule takes and how large a weight may be.
    public var limits: RouterLimits {
        switch self {
        case .albIngress, .elbv2: .alb
        case .gatewayAPI: .httpRoute
        }
    }

    /// The router a model uses when it names none: its ALB forward config when weights go through the ELBv2
    /// API, the Ingress otherwise (what every fleet did before routers could be chosen).
    public static func implied(by applier: ApplierKind) -> RouterKind {
        applier == .elbv2 ? .elbv2 : .albIngress
    }
}

/// The hard limits of one router's weighted rule.
public struct RouterLimits: Sendable, Hashable {
    /// Backends (target groups, backendRefs) one weighted rule takes.
    public var maxBackends: Int
    /// Largest weight of one backend; the smallest is 0.
    public var maxWeight: Int
    /// What holds the backends, in words: "an ALB forward action".
    public var holder: String
    /// What the backends are called, plural: "target groups".
    public var backends: String

    public init(maxBackends: Int, maxWeight: Int, holder: String, backends: String) {
        self.maxBackends = maxBackends
        self.maxWeight = maxWeight
        self.holder = holder
        self.backends = backends
    }

    /// An ALB forward action: at most 5 target groups, weights 0...999.
    public static let alb = RouterLimits(maxBackends: 5, maxWeight: 999, holder: "an ALB forward action", backends: "target groups")
    /// A Gateway API HTTPRoute rule: at most 16 backendRefs, weights 0...1,000,000.
    public static let httpRoute = RouterLimits(
        maxBackends: 16, maxWeight: 1_000_000, holder: "an HTTPRoute rule", backends: "backendRefs")

    public var weightRange: ClosedRange<Int> { 0...maxWeight }
}
