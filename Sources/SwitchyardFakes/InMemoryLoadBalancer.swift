import SwitchyardAdapters

/// A ``LoadBalancerAPI`` that keeps forward actions in memory, for tests and dry runs.
///
/// Listeners and rules must be added before they can be set, as on a real ALB.
public actor InMemoryLoadBalancer: LoadBalancerAPI {
    private var listeners: [String: ForwardState] = [:]
    private var rules: [String: ForwardState] = [:]
    /// Every successful set, in order: (listener or rule ARN, new state).
    public private(set) var writes: [(arn: String, state: ForwardState)] = []

    public init(listeners: [String: ForwardState] = [:], rules: [String: ForwardState] = [:]) {
        self.listeners = listeners
        self.rules = rules
    }

    /// Adds a listener (or replaces its state), as if someone edited it outside Switchyard.
    public func putListener(_ arn: String, _ state: ForwardState = ForwardState(targetGroups: [])) {
        listeners[arn] = state
    }

    /// Adds a rule (or replaces its state), as if someone edited it outside Switchyard.
    public func putRule(_ arn: String, _ state: ForwardState = ForwardState(targetGroups: [])) {
        rules[arn] = state
    }

    public func setListenerForward(
        listenerARN: String, targetGroups: [WeightedTargetGroup], stickinessSeconds: Int?
    ) async throws {
        let state = ForwardState(targetGroups: targetGroups, stickinessSeconds: stickinessSeconds)
        try state.validate()
        guard listeners[listenerARN] != nil else { throw Self.notFound("ModifyListener", "ListenerNotFound", listenerARN) }
        listeners[listenerARN] = state
        writes.append((listenerARN, state))
    }

    public func setRuleForward(ruleARN: String, targetGroups: [WeightedTargetGroup], stickinessSeconds: Int?) async throws {
        let state = ForwardState(targetGroups: targetGroups, stickinessSeconds: stickinessSeconds)
        try state.validate()
        guard rules[ruleARN] != nil else { throw Self.notFound("ModifyRule", "RuleNotFound", ruleARN) }
        rules[ruleARN] = state
        writes.append((ruleARN, state))
    }

    public func listenerForward(listenerARN: String) async throws -> ForwardState {
        guard let state = listeners[listenerARN] else {
            throw Self.notFound("DescribeListeners", "ListenerNotFound", listenerARN)
        }
        return state
    }

    public func ruleForward(ruleARN: String) async throws -> ForwardState {
        guard let state = rules[ruleARN] else { throw Self.notFound("DescribeRules", "RuleNotFound", ruleARN) }
        return state
    }

    private static func notFound(_ action: String, _ code: String, _ arn: String) -> AWSError {
        .service(AWSServiceError(
            action: action, statusCode: 400, code: code, message: "\(arn) not found",
            region: "in-memory", endpoint: "in-memory"
        ))
    }
}
