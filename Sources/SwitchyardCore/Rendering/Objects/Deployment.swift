/// An apps/v1 Deployment: the pods of one deployment unit.
public struct Deployment: KubernetesResource {
    public static let apiVersion = "apps/v1"
    public static let kind = "Deployment"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        /// Left out when a ScaledObject owns the replica count, so applying does not fight the autoscaler.
        public var replicas: Int?
        public var selector: LabelSelector
        public var template: PodTemplateSpec

        public init(replicas: Int? = nil, selector: LabelSelector, template: PodTemplateSpec) {
            self.replicas = replicas
            self.selector = selector
            self.template = template
        }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// `matchLabels` selector.
public struct LabelSelector: Codable, Sendable, Hashable {
    public var matchLabels: StringMap

    public init(matchLabels: [String: String]) {
        self.matchLabels = StringMap(matchLabels)
    }
}

public struct PodTemplateSpec: Codable, Sendable, Hashable {
    public var metadata: PodTemplateMeta
    public var spec: PodSpec

    public init(metadata: PodTemplateMeta, spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// A pod template's metadata: labels and annotations, no name.
public struct PodTemplateMeta: Codable, Sendable, Hashable {
    public var labels: StringMap?
    public var annotations: StringMap?

    public init(labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.labels = labels.isEmpty ? nil : StringMap(labels)
        self.annotations = annotations.isEmpty ? nil : StringMap(annotations)
    }
}
