/// Everything the renderer needs, as values.
public struct RenderInput: Sendable {
    public var models: [ServedModel]
    public var instanceTypes: [InstanceType]
    public var pools: [CapacityPool]
    public var units: [DeploymentUnit]
    /// Breaking points per unit; a unit without a rated entry gets no ScaledObject.
    public var ratings: [UnitRating]
    /// One plan per model: the weights its forward action carries.
    public var plans: [RoutingPlan]
    public var settings: RenderSettings

    public init(
        models: [ServedModel], instanceTypes: [InstanceType], pools: [CapacityPool], units: [DeploymentUnit],
        ratings: [UnitRating], plans: [RoutingPlan], settings: RenderSettings = RenderSettings()
    ) {
        self.models = models
        self.instanceTypes = instanceTypes
        self.pools = pools
        self.units = units
        self.ratings = ratings
        self.plans = plans
        self.settings = settings
    }

    public init(fleet: Fleet, ratings: [UnitRating], plans: [RoutingPlan], settings: RenderSettings = RenderSettings()) {
        self.init(
            models: fleet.models, instanceTypes: fleet.instanceTypes, pools: fleet.pools, units: fleet.units,
            ratings: ratings, plans: plans, settings: settings)
    }
}

/// The renderer's output: objects in apply order, direct ALB configs, and what could not be rendered.
public struct RenderedManifests: Sendable, Equatable {
    /// Node classes and pools first, then per model each unit's Deployment, Service, ScaledObject (or its
    /// InferenceService), then its Ingress or HTTPRoute.
    public var objects: [KubernetesObject]
    /// Per model, the listener-rule forward config for units that have target group ARNs.
    public var forwardConfigs: [ModelForwardConfig]
    public var warnings: [RenderWarning]

    public init(objects: [KubernetesObject], forwardConfigs: [ModelForwardConfig], warnings: [RenderWarning]) {
        self.objects = objects
        self.forwardConfigs = forwardConfigs
        self.warnings = warnings
    }

    /// Adds what another part of the same render rendered after this one's.
    mutating func append(_ other: RenderedManifests) {
        objects += other.objects
        forwardConfigs += other.forwardConfigs
        warnings += other.warnings
    }

    /// The objects labelled with a model, plus the NodePools its units run on, the EC2NodeClasses those reference
    /// and the Namespaces the units live in.
    public func objects(forModel model: String) -> [KubernetesObject] {
        let pools = Set(objects.compactMap { object -> String? in
            switch object {
            case .deployment(let deployment) where deployment.metadata.labels?[RenderLabels.model] == model:
                deployment.spec.template.spec.nodeSelector.flatMap { $0[RenderLabels.nodePool] ?? $0[RenderLabels.pool] }
            case .inferenceService(let service) where service.metadata.labels?[RenderLabels.model] == model:
                service.spec.predictor.nodeSelector.flatMap { $0[RenderLabels.nodePool] ?? $0[RenderLabels.pool] }
            default: nil
            }
        })
        // A pool launching several capacity kinds is one NodePool per kind, each labelling its nodes with the pool.
        func selected(_ pool: NodePool) -> Bool {
            pools.contains(pool.metadata.name) || pool.spec.template.metadata?.labels?[RenderLabels.pool].map(pools.contains) == true
        }
        let nodeClasses = Set(objects.compactMap { object -> String? in
            guard case .nodePool(let pool) = object, selected(pool) else { return nil }
            return pool.spec.template.spec.nodeClassRef.name
        })
        let namespaces = Set(objects.compactMap { object -> String? in
            switch object {
            case .deployment, .inferenceService: object.metadata.labels?[RenderLabels.model] == model ? object.metadata.namespace : nil
            default: nil
            }
        })
        return objects.filter { object in
            if case .nodePool(let pool) = object { return selected(pool) }
            if case .ec2NodeClass(let nodeClass) = object { return nodeClasses.contains(nodeClass.metadata.name) }
            if case .namespace(let namespace) = object { return namespaces.contains(namespace.metadata.name) }
            return object.metadata.labels?[RenderLabels.model] == model
        }
    }
}

public struct ModelForwardConfig: Codable, Sendable, Equatable {
    public var model: String
    public var forwardConfig: ELBv2ForwardConfig

    public init(model: String, forwardConfig: ELBv2ForwardConfig) {
        self.model = model
        self.forwardConfig = forwardConfig
    }
}

/// Something the renderer left out or adjusted, and why.
public struct RenderWarning: Codable, Sendable, Hashable, CustomStringConvertible {
    public var kind: Kind
    /// The unit, model or pool it concerns.
    public var subject: String
    public var message: String

    public enum Kind: String, Codable, Sendable, Hashable {
        /// No breaking point: no ScaledObject target can be computed.
        case unratedUnit
        case disabledUnit
        case unknownInstanceType
        case unknownPool
        case missingPlan
        /// A plan names a unit that is not rendered.
        case unknownPlanUnit
        case targetGroupLimit
        /// A model's units live in several namespaces; an Ingress only reaches Services in its own.
        case mixedNamespaces
        case missingTargetGroupARN
        /// A pool has no priced, rated unit, so its weight cannot reflect cost.
        case unpricedPool
        /// Two node classes Switchyard manages share a name but not a spec; the first is rendered.
        case nodeClassConflict
        /// A `gateway-api` model has no Gateway to attach its HTTPRoute to.
        case missingGateway
        /// A pool's reservation cannot be selected: its node class is not one Switchyard manages.
        case unmanagedReservation
        /// A unit allows two of its pool's three capacity kinds, which one node selector cannot pin.
        case unpinnedCapacityKinds
    }

    public init(kind: Kind, subject: String, message: String) {
        self.kind = kind
        self.subject = subject
        self.message = message
    }

    public var description: String { "\(subject): \(message)" }
}

/// The labels and keys the renderer writes and selects on.
public enum RenderLabels {
    public static let name = "app.kubernetes.io/name"
    public static let managedBy = "app.kubernetes.io/managed-by"
    public static let managedByValue = "switchyard"
    public static let model = "switchyard.dev/model"
    public static let unit = "switchyard.dev/unit"
    public static let pool = "switchyard.dev/pool"
    public static let nodePool = "karpenter.sh/nodepool"
    public static let capacityType = "karpenter.sh/capacity-type"
}
