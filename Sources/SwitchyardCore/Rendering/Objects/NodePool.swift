/// A Karpenter `karpenter.sh/v1` NodePool: the nodes one capacity pool may launch.
public struct NodePool: KubernetesResource {
    public static let apiVersion = "karpenter.sh/v1"
    public static let kind = "NodePool"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        public var template: Template
        public var disruption: Disruption
        /// Resource name to quantity, e.g. `cpu: "64"`, `aws.amazon.com/neuron: "16"`, `nodes: "8"`.
        public var limits: StringMap?
        /// 1...100; higher is tried first.
        public var weight: Int?

        public init(template: Template, disruption: Disruption, limits: [String: String] = [:], weight: Int? = nil) {
            self.template = template
            self.disruption = disruption
            self.limits = limits.isEmpty ? nil : StringMap(limits)
            self.weight = weight
        }
    }

    public struct Template: Codable, Sendable, Hashable {
        public var metadata: PodTemplateMeta?
        public var spec: NodeClaimTemplateSpec

        public init(metadata: PodTemplateMeta? = nil, spec: NodeClaimTemplateSpec) {
            self.metadata = metadata
            self.spec = spec
        }
    }

    public struct NodeClaimTemplateSpec: Codable, Sendable, Hashable {
        public var nodeClassRef: NodeClassRef
        public var requirements: [Requirement]
        public var taints: [Taint]?
        /// A Karpenter duration (`720h`) or `Never`.
        public var expireAfter: String?

        public init(nodeClassRef: NodeClassRef, requirements: [Requirement], taints: [Taint]? = nil, expireAfter: String? = nil) {
            self.nodeClassRef = nodeClassRef
            self.requirements = requirements
            self.taints = taints
            self.expireAfter = expireAfter
        }
    }

    public struct NodeClassRef: Codable, Sendable, Hashable {
        public var group: String
        public var kind: String
        public var name: String

        public init(group: String = "karpenter.k8s.aws", kind: String = EC2NodeClass.kind, name: String) {
            self.group = group
            self.kind = kind
            self.name = name
        }
    }

    public struct Requirement: Codable, Sendable, Hashable {
        public var key: String
        public var `operator`: String
        public var values: [String]

        public init(key: String, operator: String = "In", values: [String]) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    public struct Disruption: Codable, Sendable, Hashable {
        public var consolidationPolicy: String
        public var consolidateAfter: String
        public var budgets: [Budget]?

        public init(consolidationPolicy: String, consolidateAfter: String, budgets: [Budget]? = nil) {
            self.consolidationPolicy = consolidationPolicy
            self.consolidateAfter = consolidateAfter
            self.budgets = budgets
        }
    }

    /// How many nodes may be disrupted at once, optionally only during a cron window.
    public struct Budget: Codable, Sendable, Hashable {
        /// A count (`"1"`) or a percentage (`"10%"`).
        public var nodes: String
        public var reasons: [String]?
        public var schedule: String?
        public var duration: String?

        public init(nodes: String, reasons: [String]? = nil, schedule: String? = nil, duration: String? = nil) {
            self.nodes = nodes
            self.reasons = reasons
            self.schedule = schedule
            self.duration = duration
        }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}
