/// The load balancer operations Switchyard needs: set and read a weighted forward action on an ALB
/// listener's default action or on a listener rule.
///
/// ``ELBv2Client`` is the live implementation, `InMemoryLoadBalancer` (in SwitchyardFakes) the fake. Both reject a
/// forward AWS would reject (see ``ForwardState/validate()``) and report a missing listener or rule
/// as ``AWSError/service(_:)`` with code `ListenerNotFound` / `RuleNotFound`.
public protocol LoadBalancerAPI: Sendable {
    /// Replaces the listener's default actions with one weighted forward action.
    func setListenerForward(listenerARN: String, targetGroups: [WeightedTargetGroup], stickinessSeconds: Int?) async throws
    /// Replaces the rule's actions with one weighted forward action.
    func setRuleForward(ruleARN: String, targetGroups: [WeightedTargetGroup], stickinessSeconds: Int?) async throws
    /// The listener's default forward action as it is now.
    func listenerForward(listenerARN: String) async throws -> ForwardState
    /// The rule's forward action as it is now.
    func ruleForward(ruleARN: String) async throws -> ForwardState
}

/// One target group of a weighted forward action.
public struct WeightedTargetGroup: Sendable, Equatable, Hashable, Codable {
    public var targetGroupARN: String
    /// 0...999; traffic share is weight / sum of weights.
    public var weight: Int

    public init(targetGroupARN: String, weight: Int) {
        self.targetGroupARN = targetGroupARN
        self.weight = weight
    }
}

/// A forward action as the load balancer holds it.
public struct ForwardState: Sendable, Equatable, Codable {
    /// The weighted target groups, sorted by ARN so two reads of the same state compare equal.
    /// Empty when the action is not a forward (e.g. a fixed response).
    public var targetGroups: [WeightedTargetGroup]
    /// Target-group stickiness duration; nil when stickiness is off.
    public var stickinessSeconds: Int?

    public init(targetGroups: [WeightedTargetGroup], stickinessSeconds: Int? = nil) {
        self.targetGroups = targetGroups.sorted { $0.targetGroupARN < $1.targetGroupARN }
        self.stickinessSeconds = stickinessSeconds
    }

    /// The ALB's limits on a forward action.
    public static let maxTargetGroups = 5
    public static let weightRange = 0...999
    public static let stickinessRange = 1...604_800

    /// Throws ``AWSError/invalidRequest(_:)`` for what ELBv2 would refuse: no target group, more than
    /// five, a repeated ARN, a weight outside 0...999, or a stickiness outside 1...604800 seconds.
    public func validate() throws {
        if targetGroups.isEmpty {
            throw AWSError.invalidRequest("a forward action needs at least one target group")
        }
        if targetGroups.count > Self.maxTargetGroups {
            throw AWSError.invalidRequest(
                "a forward action takes at most \(Self.maxTargetGroups) target groups, got \(targetGroups.count)")
        }
        if Set(targetGroups.map(\.targetGroupARN)).count != targetGroups.count {
            throw AWSError.invalidRequest("a target group appears twice in one forward action")
        }
        if let bad = targetGroups.first(where: { !Self.weightRange.contains($0.weight) }) {
            throw AWSError.invalidRequest("weight \(bad.weight) of \(bad.targetGroupARN) is outside 0...999")
        }
        if let seconds = stickinessSeconds, !Self.stickinessRange.contains(seconds) {
            throw AWSError.invalidRequest("stickiness of \(seconds) s is outside 1...604800")
        }
    }
}
