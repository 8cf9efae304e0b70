/// What Switchyard puts in an EC2NodeClass it manages (`karpenter.k8s.aws/v1`): how nodes get their IAM
/// identity, AMI, subnets, security groups, volumes and tags. Field names and shapes are the CRD's.
public struct ManagedNodeClass: Codable, Sendable, Hashable {
    /// The node IAM role's name; exactly one of `role` and `instanceProfile`.
    public var role: String?
    /// An instance profile's name, for nodes whose profile is managed outside Karpenter.
    public var instanceProfile: String?
    /// Required when no AMI term is an alias; with an alias, nil, `Custom` or the alias's own family.
    public var amiFamily: AMIFamily?
    /// Default `[{alias: al2023@latest}]`: the accelerated AL2023 variant (NVIDIA or Neuron) for each instance type.
    public var amiSelectorTerms: [AMISelectorTerm]
    public var subnetSelectorTerms: [SelectorTerm]
    public var securityGroupSelectorTerms: [SelectorTerm]
    /// Volumes for the nodes, e.g. a root volume large enough for model weights; default none (Karpenter's).
    public var blockDeviceMappings: [BlockDeviceMapping]
    /// AWS tags on the instances, volumes and network interfaces Karpenter launches.
    public var tags: [String: String]

    public static let defaultAMISelectorTerms = [AMISelectorTerm(alias: "al2023@latest")]

    public init(
        role: String? = nil, instanceProfile: String? = nil, amiFamily: AMIFamily? = nil,
        amiSelectorTerms: [AMISelectorTerm] = defaultAMISelectorTerms, subnetSelectorTerms: [SelectorTerm],
        securityGroupSelectorTerms: [SelectorTerm], blockDeviceMappings: [BlockDeviceMapping] = [],
        tags: [String: String] = [:]
    ) {
        self.role = role
        self.instanceProfile = instanceProfile
        self.amiFamily = amiFamily
        self.amiSelectorTerms = amiSelectorTerms
        self.subnetSelectorTerms = subnetSelectorTerms
        self.securityGroupSelectorTerms = securityGroupSelectorTerms
        self.blockDeviceMappings = blockDeviceMappings
        self.tags = tags
    }

    /// Selects AMIs: by alias (`family@version`, alone), by id, or by tags; one of them per term.
    public struct AMISelectorTerm: Codable, Sendable, Hashable {
        public var alias: String?
        public var id: String?
        public var tags: [String: String]?

        public init(alias: String? = nil, id: String? = nil, tags: [String: String]? = nil) {
            self.alias = alias
            self.id = id
            self.tags = tags
        }
    }

    /// Selects subnets or security groups: by id, or by tags; one of them per term. Terms are ORed.
    public struct SelectorTerm: Codable, Sendable, Hashable {
        public var id: String?
        public var tags: [String: String]?

        public init(id: String? = nil, tags: [String: String]? = nil) {
            self.id = id
            self.tags = tags
        }
    }

    /// The CRD's `amiFamily` values.
    public enum AMIFamily: String, Codable, Sendable, Hashable, CaseIterable {
        case al2 = "AL2"
        case al2023 = "AL2023"
        case bottlerocket = "Bottlerocket"
        case custom = "Custom"
        case windows2019 = "Windows2019"
        case windows2022 = "Windows2022"
        case windows2025 = "Windows2025"

        /// The family an AMI alias's prefix (`al2023` of `al2023@latest`) stands for.
        public init?(aliasFamily: some StringProtocol) {
            guard let family = Self.allCases.first(where: { $0 != .custom && $0.rawValue.lowercased() == aliasFamily }) else {
                return nil
            }
            self = family
        }
    }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension ManagedNodeClass {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            role: try container.decodeIfPresent(String.self, forKey: .role),
            instanceProfile: try container.decodeIfPresent(String.self, forKey: .instanceProfile),
            amiFamily: try container.decodeIfPresent(AMIFamily.self, forKey: .amiFamily),
            amiSelectorTerms: try container.decodeIfPresent([AMISelectorTerm].self, forKey: .amiSelectorTerms)
                ?? Self.defaultAMISelectorTerms,
            subnetSelectorTerms: try container.decode([SelectorTerm].self, forKey: .subnetSelectorTerms),
            securityGroupSelectorTerms: try container.decode([SelectorTerm].self, forKey: .securityGroupSelectorTerms),
            blockDeviceMappings: try container.decodeIfPresent([BlockDeviceMapping].self, forKey: .blockDeviceMappings) ?? [],
            tags: try container.decodeIfPresent([String: String].self, forKey: .tags) ?? [:]
        )
    }
}
