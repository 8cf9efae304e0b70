/// Any object the renderer produces, as one type that lists, diffs and serialises uniformly.
public enum KubernetesObject: Codable, Sendable, Hashable {
    case namespace(Namespace)
    case deployment(Deployment)
    case service(Service)
    case scaledObject(ScaledObject)
    case nodePool(NodePool)
    case ec2NodeClass(EC2NodeClass)
    case ingress(Ingress)
    case inferenceService(InferenceService)
    case httpRoute(HTTPRoute)

    public var resource: any KubernetesResource {
        switch self {
        case .namespace(let object): object
        case .deployment(let object): object
        case .service(let object): object
        case .scaledObject(let object): object
        case .nodePool(let object): object
        case .ec2NodeClass(let object): object
        case .ingress(let object): object
        case .inferenceService(let object): object
        case .httpRoute(let object): object
        }
    }

    public var apiVersion: String { type(of: resource).apiVersion }
    public var kind: String { type(of: resource).kind }
    public var metadata: ObjectMeta { resource.metadata }
    public var identity: ObjectIdentity { resource.identity }

    /// The object as a generic tree in Kubernetes field order.
    public func jsonValue() throws -> JSONValue {
        try JSONValueEncoder().encode(self)
    }

    public func encode(to encoder: any Encoder) throws {
        try resource.encode(to: encoder)
    }

    /// Picks the type by `apiVersion` and `kind`; other kinds are not objects Switchyard renders.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeMetaKeys.self)
        let apiVersion = try container.decode(String.self, forKey: .apiVersion)
        let kind = try container.decode(String.self, forKey: .kind)
        switch (apiVersion, kind) {
        case (Namespace.apiVersion, Namespace.kind): self = .namespace(try Namespace(from: decoder))
        case (Deployment.apiVersion, Deployment.kind): self = .deployment(try Deployment(from: decoder))
        case (Service.apiVersion, Service.kind): self = .service(try Service(from: decoder))
        case (ScaledObject.apiVersion, ScaledObject.kind): self = .scaledObject(try ScaledObject(from: decoder))
        case (NodePool.apiVersion, NodePool.kind): self = .nodePool(try NodePool(from: decoder))
        case (EC2NodeClass.apiVersion, EC2NodeClass.kind): self = .ec2NodeClass(try EC2NodeClass(from: decoder))
        case (Ingress.apiVersion, Ingress.kind): self = .ingress(try Ingress(from: decoder))
        case (InferenceService.apiVersion, InferenceService.kind): self = .inferenceService(try InferenceService(from: decoder))
        case (HTTPRoute.apiVersion, HTTPRoute.kind): self = .httpRoute(try HTTPRoute(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "\(apiVersion) \(kind) is not an object Switchyard renders")
        }
    }
}
