/// A Karpenter `karpenter.k8s.aws/v1` EC2NodeClass: AMI, IAM identity, subnets, security groups and volumes
/// for the NodePools that reference it. Cluster-scoped.
public struct EC2NodeClass: KubernetesResource {
    public static let apiVersion = "karpenter.k8s.aws/v1"
    public static let kind = "EC2NodeClass"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        /// Exactly one of `role` and `instanceProfile` (the CRD's rule).
        public var role: String?
        public var instanceProfile: String?
        public var amiFamily: String?
        public var amiSelectorTerms: [AMISelectorTerm]
        public var subnetSelectorTerms: [SelectorTerm]
        public var securityGroupSelectorTerms: [SelectorTerm]
        public var blockDeviceMappings: [BlockDeviceMapping]?
        public var tags: StringMap?
        /// The capacity reservations `reserved` nodes launch into.
        public var capacityReservationSelectorTerms: [CapacityReservationSelectorTerm]?

        public init(
            role: String? = nil, instanceProfile: String? = nil, amiFamily: String? = nil,
            amiSelectorTerms: [AMISelectorTerm], subnetSelectorTerms: [SelectorTerm],
            securityGroupSelectorTerms: [SelectorTerm], blockDeviceMappings: [BlockDeviceMapping] = [],
            tags: [String: String] = [:]
        ) {
            self.role = role
            self.instanceProfile = instanceProfile
            self.amiFamily = amiFamily
            self.amiSelectorTerms = amiSelectorTerms
            self.subnetSelectorTerms = subnetSelectorTerms
            self.securityGroupSelectorTerms = securityGroupSelectorTerms
            self.blockDeviceMappings = blockDeviceMappings.isEmpty ? nil : blockDeviceMappings
            self.tags = tags.isEmpty ? nil : StringMap(tags)
        }
    }

    /// Selects AMIs by alias (`family@version`, e.g. `al2023@latest`), id or tags.
    public struct AMISelectorTerm: Codable, Sendable, Hashable {
        public var alias: String?
        public var id: String?
        public var tags: StringMap?

        public init(alias: String? = nil, id: String? = nil, tags: [String: String]? = nil) {
            self.alias = alias
            self.id = id
            self.tags = tags.map(StringMap.init)
        }
    }

    /// Selects a capacity reservation by id (the CRD allows nothing beside an id).
    public struct CapacityReservationSelectorTerm: Codable, Sendable, Hashable {
        public var id: String

        public init(id: String) {
            self.id = id
        }
    }

    /// Selects subnets or security groups by id or tags.
    public struct SelectorTerm: Codable, Sendable, Hashable {
        public var id: String?
        public var tags: StringMap?

        public init(id: String? = nil, tags: [String: String]? = nil) {
            self.id = id
            self.tags = tags.map(StringMap.init)
        }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}
