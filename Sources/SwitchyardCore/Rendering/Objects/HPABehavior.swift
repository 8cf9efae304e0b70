/// `autoscaling/v2` HorizontalPodAutoscaler behaviour, passed through KEDA's advanced config.
public struct HPABehavior: Codable, Sendable, Hashable {
    public var scaleUp: Rules?
    public var scaleDown: Rules?

    public init(scaleUp: Rules? = nil, scaleDown: Rules? = nil) {
        self.scaleUp = scaleUp
        self.scaleDown = scaleDown
    }

    public struct Rules: Codable, Sendable, Hashable {
        /// 0...3600.
        public var stabilizationWindowSeconds: Int?
        /// `Max`, `Min` or `Disabled`.
        public var selectPolicy: String?
        public var policies: [Policy]?

        public init(stabilizationWindowSeconds: Int? = nil, selectPolicy: String? = nil, policies: [Policy]? = nil) {
            self.stabilizationWindowSeconds = stabilizationWindowSeconds
            self.selectPolicy = selectPolicy
            self.policies = policies
        }
    }

    public struct Policy: Codable, Sendable, Hashable {
        /// `Pods` or `Percent`.
        public var type: String
        public var value: Int
        /// 1...1800.
        public var periodSeconds: Int

        public init(type: String, value: Int, periodSeconds: Int) {
            self.type = type
            self.value = value
            self.periodSeconds = periodSeconds
        }
    }

    /// Scale up fast (double or +4 pods a minute, no window), scale down slowly (one pod a minute after 5 minutes):
    /// model pods take minutes to load, so flapping costs more than a few idle minutes.
    public static let standard = HPABehavior(
        scaleUp: Rules(stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [
            Policy(type: "Percent", value: 100, periodSeconds: 60),
            Policy(type: "Pods", value: 4, periodSeconds: 60),
        ]),
        scaleDown: Rules(stabilizationWindowSeconds: 300, selectPolicy: "Max", policies: [
            Policy(type: "Pods", value: 1, periodSeconds: 60),
        ])
    )
}
