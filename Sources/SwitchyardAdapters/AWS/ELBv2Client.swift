import AsyncHTTPClient
import Foundation
import Logging

/// The live ``LoadBalancerAPI``: Elastic Load Balancing v2 (API version 2015-12-01) over the Query protocol.
public struct ELBv2Client: LoadBalancerAPI {
    public static let apiVersion = "2015-12-01"

    /// The underlying signed Query client, for calls this type does not wrap (e.g. creating
    /// load balancers in tests).
    public let query: AWSQueryClient

    /// - Parameters:
    ///   - endpoint: overrides `https://elasticloadbalancing.<region>.amazonaws.com`, e.g. a moto server.
    public init(
        httpClient: HTTPClient, region: String, endpoint: URL? = nil, credentials: any AWSCredentialsProvider,
        retryPolicy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "switchyard.aws.elbv2")
    ) {
        self.query = AWSQueryClient(
            httpClient: httpClient,
            endpoint: endpoint ?? Self.defaultEndpoint(region: region),
            region: region, signingName: "elasticloadbalancing", apiVersion: Self.apiVersion,
            credentials: credentials, retryPolicy: retryPolicy, logger: logger
        )
    }

    /// The public regional endpoint.
    public static func defaultEndpoint(region: String) -> URL {
        URL(string: "https://elasticloadbalancing.\(region).amazonaws.com")!
    }

    public func setListenerForward(
        listenerARN: String, targetGroups: [WeightedTargetGroup], stickinessSeconds: Int?
    ) async throws {
        let forward = ForwardState(targetGroups: targetGroups, stickinessSeconds: stickinessSeconds)
        try forward.validate()
        var parameters = Self.forwardParameters(prefix: "DefaultActions.member.1", forward)
        parameters["ListenerArn"] = listenerARN
        _ = try await query.call("ModifyListener", parameters)
    }

    public func setRuleForward(ruleARN: String, targetGroups: [WeightedTargetGroup], stickinessSeconds: Int?) async throws {
        let forward = ForwardState(targetGroups: targetGroups, stickinessSeconds: stickinessSeconds)
        try forward.validate()
        var parameters = Self.forwardParameters(prefix: "Actions.member.1", forward)
        parameters["RuleArn"] = ruleARN
        _ = try await query.call("ModifyRule", parameters)
    }

    public func listenerForward(listenerARN: String) async throws -> ForwardState {
        let response = try await query.call("DescribeListeners", ["ListenerArns.member.1": listenerARN])
        guard let listener = response.path("DescribeListenersResult", "Listeners")?.children.first(where: {
            $0.text(of: "ListenerArn") == listenerARN
        }) else {
            throw AWSError.malformedResponse(action: "DescribeListeners", reason: "no listener \(listenerARN) in the answer")
        }
        return Self.forwardState(actions: listener.members(of: "DefaultActions"))
    }

    public func ruleForward(ruleARN: String) async throws -> ForwardState {
        let response = try await query.call("DescribeRules", ["RuleArns.member.1": ruleARN])
        guard let rule = response.path("DescribeRulesResult", "Rules")?.children.first(where: {
            $0.text(of: "RuleArn") == ruleARN
        }) else {
            throw AWSError.malformedResponse(action: "DescribeRules", reason: "no rule \(ruleARN) in the answer")
        }
        return Self.forwardState(actions: rule.members(of: "Actions"))
    }
}

extension ELBv2Client {
    /// The Query parameters of one weighted forward action under `prefix`
    /// (`DefaultActions.member.1` for a listener, `Actions.member.1` for a rule).
    public static func forwardParameters(prefix: String, _ forward: ForwardState) -> [String: String] {
        var parameters = ["\(prefix).Type": "forward"]
        let config = "\(prefix).ForwardConfig"
        for (index, group) in forward.targetGroups.enumerated() {
            parameters["\(config).TargetGroups.member.\(index + 1).TargetGroupArn"] = group.targetGroupARN
            parameters["\(config).TargetGroups.member.\(index + 1).Weight"] = String(group.weight)
        }
        if let seconds = forward.stickinessSeconds {
            parameters["\(config).TargetGroupStickinessConfig.Enabled"] = "true"
            parameters["\(config).TargetGroupStickinessConfig.DurationSeconds"] = String(seconds)
        } else {
            parameters["\(config).TargetGroupStickinessConfig.Enabled"] = "false"
        }
        return parameters
    }

    /// The forward action among `actions` (`<member>` elements of an action list), read back.
    ///
    /// A forward given as a bare `TargetGroupArn` counts as that one group with weight 1, which is
    /// how ELBv2 treats it; no forward action at all gives an empty state.
    static func forwardState(actions: [AWSXMLNode]) -> ForwardState {
        guard let forward = actions.first(where: { $0.text(of: "Type")?.lowercased() == "forward" }) else {
            return ForwardState(targetGroups: [])
        }
        guard let config = forward.child("ForwardConfig") else {
            let single = forward.text(of: "TargetGroupArn").map { [WeightedTargetGroup(targetGroupARN: $0, weight: 1)] }
            return ForwardState(targetGroups: single ?? [])
        }
        let groups = config.members(of: "TargetGroups").compactMap { member -> WeightedTargetGroup? in
            guard let arn = member.text(of: "TargetGroupArn") else { return nil }
            return WeightedTargetGroup(targetGroupARN: arn, weight: member.text(of: "Weight").flatMap { Int($0) } ?? 1)
        }
        let stickiness = config.child("TargetGroupStickinessConfig")
        let enabled = stickiness?.text(of: "Enabled")?.lowercased() == "true"
        let seconds = enabled ? stickiness?.text(of: "DurationSeconds").flatMap { Int($0) } : nil
        return ForwardState(targetGroups: groups, stickinessSeconds: seconds)
    }
}
