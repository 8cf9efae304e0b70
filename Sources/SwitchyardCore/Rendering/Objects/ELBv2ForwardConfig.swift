/// The ELBv2 API's `ForwardConfig`, for setting listener-rule weights directly instead of through the Ingress.
public struct ELBv2ForwardConfig: Codable, Sendable, Hashable {
    /// At most five.
    public var targetGroups: [TargetGroupTuple]
    public var targetGroupStickinessConfig: StickinessConfig

    public init(targetGroups: [TargetGroupTuple], targetGroupStickinessConfig: StickinessConfig) {
        self.targetGroups = targetGroups
        self.targetGroupStickinessConfig = targetGroupStickinessConfig
    }

    enum CodingKeys: String, CodingKey {
        case targetGroups = "TargetGroups"
        case targetGroupStickinessConfig = "TargetGroupStickinessConfig"
    }

    public struct TargetGroupTuple: Codable, Sendable, Hashable {
        public var targetGroupArn: String
        /// 0...999.
        public var weight: Int

        public init(targetGroupArn: String, weight: Int) {
            self.targetGroupArn = targetGroupArn
            self.weight = weight
        }

        enum CodingKeys: String, CodingKey {
            case targetGroupArn = "TargetGroupArn"
            case weight = "Weight"
        }
    }

    public struct StickinessConfig: Codable, Sendable, Hashable {
        public var enabled: Bool
        /// 1...604800; only sent when enabled.
        public var durationSeconds: Int?

        public init(enabled: Bool, durationSeconds: Int? = nil) {
            self.enabled = enabled
            self.durationSeconds = durationSeconds
        }

        enum CodingKeys: String, CodingKey {
            case enabled = "Enabled"
            case durationSeconds = "DurationSeconds"
        }
    }
}
