extension InferenceService {
    /// What a predictor runs: a model KServe serves with a serving runtime, or a custom container.
    public enum Serving: Sendable, Hashable {
        case model(Model)
        case container(PodSpec.Container)
    }

    /// The predictor's `model`: the format KServe matches a serving runtime by (or the runtime named), where the
    /// storage initializer fetches the model, and the container fields that override the runtime's.
    public struct Model: Codable, Sendable, Hashable {
        public var modelFormat: ModelFormat
        public var runtime: String?
        public var storageUri: String?
        public var image: String
        public var args: [String]?
        public var ports: [PodSpec.ContainerPort]
        public var resources: PodSpec.ResourceRequirements
        public var readinessProbe: PodSpec.Probe?
        public var livenessProbe: PodSpec.Probe?

        /// The model spec `spec` names, with `container`'s image, args, ports, resources and probes.
        public init(_ spec: KServeModelSpec, container: PodSpec.Container) {
            modelFormat = ModelFormat(name: spec.modelFormat, version: spec.modelFormatVersion)
            runtime = spec.runtime
            storageUri = spec.storageUri
            image = container.image
            args = container.args
            ports = container.ports
            resources = container.resources
            readinessProbe = container.readinessProbe
            livenessProbe = container.livenessProbe
        }
    }

    public struct ModelFormat: Codable, Sendable, Hashable {
        public var name: String
        public var version: String?

        public init(name: String, version: String? = nil) {
            self.name = name
            self.version = version
        }
    }
}
