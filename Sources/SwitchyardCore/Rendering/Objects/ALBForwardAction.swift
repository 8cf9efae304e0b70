/// The JSON in an `alb.ingress.kubernetes.io/actions.<name>` annotation: a weighted forward to target groups.
public struct ALBForwardAction: Codable, Sendable, Hashable {
    public var type: String
    public var forwardConfig: ForwardConfig

    public init(forwardConfig: ForwardConfig) {
        type = "forward"
        self.forwardConfig = forwardConfig
    }

    public struct ForwardConfig: Codable, Sendable, Hashable {
        /// At most five; the ALB rejects more.
        public var targetGroups: [TargetGroup]
        public var targetGroupStickinessConfig: Stickiness?

        public init(targetGroups: [TargetGroup], targetGroupStickinessConfig: Stickiness? = nil) {
            self.targetGroups = targetGroups
            self.targetGroupStickinessConfig = targetGroupStickinessConfig
        }
    }

    /// A Service the controller turns into a target group, or an existing target group by ARN.
    public struct TargetGroup: Codable, Sendable, Hashable {
        public var serviceName: String?
        public var servicePort: Int?
        public var targetGroupARN: String?
        /// 0...999.
        public var weight: Int

        public init(serviceName: String, servicePort: Int, weight: Int) {
            self.serviceName = serviceName
            self.servicePort = servicePort
            targetGroupARN = nil
            self.weight = weight
        }

        public init(targetGroupARN: String, weight: Int) {
            serviceName = nil
            servicePort = nil
            self.targetGroupARN = targetGroupARN
            self.weight = weight
        }
    }

    public struct Stickiness: Codable, Sendable, Hashable {
        public var enabled: Bool
        public var durationSeconds: Int?

        public init(enabled: Bool, durationSeconds: Int? = nil) {
            self.enabled = enabled
            self.durationSeconds = durationSeconds
        }
    }
}
