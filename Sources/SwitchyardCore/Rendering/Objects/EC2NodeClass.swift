/// A Karpenter `karpenter.k8s.aws/v1` EC2NodeClass: AMI, IAM role, subnets and security groups for a NodePool.
public struct EC2NodeClass: KubernetesResource {
    public static let apiVersion = "karpenter.k8s.aws/v1"
    public static let kind = "EC2NodeClass"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        public var role: String
        public var amiSelectorTerms: [AMISelectorTerm]
        public var subnetSelectorTerms: [SelectorTerm]
        public var securityGroupSelectorTerms: [SelectorTerm]
        public var tags: StringMap?

        public init(
            role: String, amiSelectorTerms: [AMISelectorTerm], subnetSelectorTerms: [SelectorTerm],
            securityGroupSelectorTerms: [SelectorTerm], tags: [String: String] = [:]
        ) {
            self.role = role
            self.amiSelectorTerms = amiSelectorTerms
            self.subnetSelectorTerms = subnetSelectorTerms
            self.securityGroupSelectorTerms = securityGroupSelectorTerms
            self.tags = tags.isEmpty ? nil : StringMap(tags)
        }
    }

    public struct AMISelectorTerm: Codable, Sendable, Hashable {
        /// `family@version`, e.g. `al2023@latest`.
        public var alias: String

        public init(alias: String) { self.alias = alias }
    }

    /// Selects subnets or security groups by tag.
    public struct SelectorTerm: Codable, Sendable, Hashable {
        public var tags: StringMap

        public init(tags: [String: String]) { self.tags = StringMap(tags) }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}
