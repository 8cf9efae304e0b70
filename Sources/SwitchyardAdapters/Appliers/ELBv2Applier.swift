import Foundation
import Logging
import SwitchyardCore

/// Pushes a model's weighted forward straight to an ALB listener's default action or to a listener rule
/// through ``LoadBalancerAPI``.
///
/// Item keys are listener or rule ARNs (told apart by the ARN's resource, `listener/…` or `listener-rule/…`);
/// documents are ELBv2 `ForwardConfig`s in the form ``document(for:)`` gives, which is also what
/// ``readBack(_:)`` returns, so a pushed config and its read-back compare equal.
public struct ELBv2Applier: Applier {
    public var kind: ApplierKind { .elbv2 }
    private let loadBalancer: any LoadBalancerAPI
    private let logger: Logger

    public init(loadBalancer: any LoadBalancerAPI, logger: Logger = Logger(label: "switchyard.applier.elbv2")) {
        self.loadBalancer = loadBalancer
        self.logger = logger
    }

    /// The canonical document of a forward config: target groups sorted by ARN (the order the load balancer
    /// reports them in), stickiness duration only when enabled.
    public static func document(for config: ELBv2ForwardConfig) throws -> JSONValue {
        var canonical = config
        canonical.targetGroups.sort { $0.targetGroupArn < $1.targetGroupArn }
        if !canonical.targetGroupStickinessConfig.enabled { canonical.targetGroupStickinessConfig.durationSeconds = nil }
        return try ManifestSerializer.treeValue(canonical)
    }

    public func push(_ items: [PushItem]) async -> [PushOutcome] {
        var outcomes: [PushOutcome] = []
        for item in items {
            do {
                let config = try Self.forwardConfig(of: item)
                let groups = config.targetGroups.map { WeightedTargetGroup(targetGroupARN: $0.targetGroupArn, weight: $0.weight) }
                let stickiness = config.targetGroupStickinessConfig.enabled ? config.targetGroupStickinessConfig.durationSeconds : nil
                switch try Self.target(of: item.key) {
                case .listener:
                    try await loadBalancer.setListenerForward(listenerARN: item.key, targetGroups: groups, stickinessSeconds: stickiness)
                case .rule:
                    try await loadBalancer.setRuleForward(ruleARN: item.key, targetGroups: groups, stickinessSeconds: stickiness)
                }
                outcomes.append(.success(item.key))
            } catch {
                logger.warning("forward update failed", metadata: ["arn": "\(item.key)", "error": "\(error)"])
                outcomes.append(.failure(item.key, error))
            }
        }
        return outcomes
    }

    /// The listener's or rule's forward as it is now; nil when the listener or rule does not exist.
    public func readBack(_ items: [PushItem]) async throws -> [String: JSONValue?] {
        var live: [String: JSONValue?] = [:]
        for item in items {
            let state: ForwardState
            do {
                switch try Self.target(of: item.key) {
                case .listener: state = try await loadBalancer.listenerForward(listenerARN: item.key)
                case .rule: state = try await loadBalancer.ruleForward(ruleARN: item.key)
                }
            } catch let error as AWSError where ["ListenerNotFound", "RuleNotFound"].contains(error.code) {
                live[item.key] = .some(nil)
                continue
            }
            let config = ELBv2ForwardConfig(
                targetGroups: state.targetGroups.map { .init(targetGroupArn: $0.targetGroupARN, weight: $0.weight) },
                targetGroupStickinessConfig: .init(enabled: state.stickinessSeconds != nil, durationSeconds: state.stickinessSeconds))
            live[item.key] = .some(try Self.document(for: config).projected(onto: item.document))
        }
        return live
    }

    enum Target {
        case listener, rule
    }

    /// `arn:aws:elasticloadbalancing:<region>:<account>:listener/app/…` or `…:listener-rule/app/…`.
    static func target(of arn: String) throws -> Target {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else {
            throw ApplierError.unsupportedItem(key: arn, reason: "not an ARN")
        }
        if parts[5].hasPrefix("listener-rule/") { return .rule }
        if parts[5].hasPrefix("listener/") { return .listener }
        throw ApplierError.unsupportedItem(key: arn, reason: "neither a listener nor a listener rule ARN")
    }

    static func forwardConfig(of item: PushItem) throws -> ELBv2ForwardConfig {
        do {
            return try JSONDecoder().decode(ELBv2ForwardConfig.self, from: Data(item.document.jsonText(pretty: false).utf8))
        } catch {
            throw ApplierError.unsupportedItem(key: item.key, reason: "not an ELBv2 ForwardConfig: \(error)")
        }
    }
}
