/// Turns a fleet, its ratings and its routing plans into the Kubernetes objects and ALB configs that run them.
///
/// Pure and deterministic: pools, models and units are rendered in name order, map keys sorted, so the same
/// input always gives the same objects and text. What cannot be rendered is skipped and reported as a warning.
public struct ManifestRenderer: Sendable {
    public init() {}

    public func render(_ input: RenderInput) -> RenderedManifests {
        let context = RenderContext(input)
        var rendered = sharedObjects(context)
        rendered.append(modelObjects(context.modelNames[...], context: context))
        return rendered
    }

    /// ``render(_:)``, the same objects in the same order, with models rendered a chunk per core.
    public func renderConcurrently(_ input: RenderInput) async -> RenderedManifests {
        let context = RenderContext(input)
        var rendered = sharedObjects(context)
        let names = context.modelNames
        let parts = (try? await ChunkedWork.map(names, minimumChunk: 64) { [modelObjects($0, context: context)] })
            ?? [modelObjects(names[...], context: context)]
        for part in parts { rendered.append(part) }
        return rendered
    }

    /// What several models share, first: namespaces (so everything namespaced has one to go into; `default`
    /// always exists), then node classes before the NodePools that reference them.
    private func sharedObjects(_ context: RenderContext) -> RenderedManifests {
        let input = context.input
        var warnings: [RenderWarning] = []
        var objects: [KubernetesObject] = []
        var unreported: [RenderWarning] = []  // the model loop reports them
        let namespaces = Set(context.modelNames.flatMap { context.renderableUnits(of: $0, warnings: &unreported) }.map(\.kubernetes.namespace))
        for namespace in namespaces.subtracting(["default"]).sorted() {
            objects.append(.namespace(Namespace(metadata: ObjectMeta(
                name: namespace, labels: [RenderLabels.managedBy: RenderLabels.managedByValue]))))
        }
        let nodeClasses = ec2NodeClasses(input.pools, settings: input.settings, warnings: &warnings)
        objects += nodeClasses.map(KubernetesObject.ec2NodeClass)
        warnings += unmanagedReservations(
            input.pools, managed: Set(nodeClasses.map(\.metadata.name)), settings: input.settings)
        for pool in input.pools.sorted(by: { $0.name < $1.name }) {
            objects += nodePools(pool, context: context, warnings: &warnings).map(KubernetesObject.nodePool)
        }
        return RenderedManifests(objects: objects, forwardConfigs: [], warnings: warnings)
    }

    /// Each model's workloads, Services and route, in model order.
    private func modelObjects(_ models: ArraySlice<String>, context: RenderContext) -> RenderedManifests {
        let input = context.input
        var warnings: [RenderWarning] = []
        var objects: [KubernetesObject] = []
        var forwardConfigs: [ModelForwardConfig] = []
        for model in models {
            let units = context.renderableUnits(of: model, warnings: &warnings)
            warnings += unpinnedCapacityKinds(units, context: context)
            for unit in units {
                switch context.workload(of: model) {
                case .deployment:
                    let scaledObject = scaledObject(for: unit, context: context, warnings: &warnings)
                    objects.append(.deployment(deployment(for: unit, context: context, autoscaled: scaledObject != nil)))
                    objects.append(.service(service(for: unit, settings: input.settings)))
                    if let scaledObject { objects.append(.scaledObject(scaledObject)) }
                case .kserve:
                    objects += kserveObjects(for: unit, context: context, warnings: &warnings)
                }
            }
            guard !units.isEmpty else { continue }
            let route = ModelRoute(model: model, units: units, context: context, warnings: &warnings)
            if input.settings.routingMode(for: model) == .singleService {
                objects.append(.service(roundRobinService(route, settings: input.settings)))
            }
            if route.router == .gatewayAPI {
                if let httpRoute = httpRoute(route, context: context, warnings: &warnings) { objects.append(.httpRoute(httpRoute)) }
                continue
            }
            guard let ingress = ingress(route, context: context, warnings: &warnings) else { continue }
            objects.append(.ingress(ingress))
            if input.settings.routingMode(for: model) == .weightedServices,
               let forwardConfig = elbv2ForwardConfig(route, context: context, warnings: &warnings) {
                forwardConfigs.append(ModelForwardConfig(model: model, forwardConfig: forwardConfig))
            }
        }
        return RenderedManifests(objects: objects, forwardConfigs: forwardConfigs, warnings: warnings)
    }

    /// Standard labels for everything rendered for a unit.
    static func labels(for unit: DeploymentUnit) -> [String: String] {
        [
            RenderLabels.name: unit.kubernetes.deployment,
            RenderLabels.managedBy: RenderLabels.managedByValue,
            RenderLabels.model: unit.model,
            RenderLabels.unit: unit.name,
        ]
    }

    /// A Kubernetes-friendly decimal: whole numbers without a fraction, others to at most three places.
    static func decimal(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return "\(rounded)"
    }

    /// Fills `{name}` placeholders in one pass over the template; a placeholder without a value stays as written,
    /// and a value is never read for placeholders itself.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        let bytes = Array(template.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
               let value = values[String(decoding: bytes[(index + 1)..<close], as: UTF8.self)] {
                output.append(contentsOf: value.utf8)
                index = close + 1
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Lookups over a render input, built once.
struct RenderContext: Sendable {
    let input: RenderInput
    let models: [String: ServedModel]
    let instanceTypes: [String: InstanceType]
    let pools: [String: CapacityPool]
    let plans: [String: RoutingPlan]
    private let ratings: [String: UnitRating]
    /// Units by model, in name order.
    private let unitsByModel: [String: [DeploymentUnit]]

    init(_ input: RenderInput) {
        self.input = input
        models = Dictionary(input.models.map { ($0.name, $0) }) { first, _ in first }
        instanceTypes = Dictionary(input.instanceTypes.map { ($0.name, $0) }) { first, _ in first }
        pools = Dictionary(input.pools.map { ($0.name, $0) }) { first, _ in first }
        plans = Dictionary(input.plans.map { ($0.model, $0) }) { first, _ in first }
        ratings = Dictionary(input.ratings.map { ($0.unit, $0) }) { first, _ in first }
        unitsByModel = Dictionary(grouping: input.units, by: \.model).mapValues { $0.sorted { $0.name < $1.name } }
        modelNames = Set(input.models.map(\.name)).union(input.units.map(\.model)).sorted()
    }

    var settings: RenderSettings { input.settings }

    /// Every model that has units or is registered, in name order.
    let modelNames: [String]

    /// The breaking point to scale at: the rating, else the plan's figure, else one set by hand.
    func breakingPoint(of unit: DeploymentUnit) -> Double? {
        if let rating = ratings[unit.name], rating.isRated { return rating.breakingPointRPS }
        if let entry = plans[unit.model]?.entries.first(where: { $0.unit == unit.name }), entry.breakingPointRPS > 0 {
            return entry.breakingPointRPS
        }
        if let manual = unit.manualBreakingPointRPS, manual > 0 { return manual }
        return nil
    }

    /// US$ per 1,000 inferences of one replica at its breaking point, when priced and rated.
    func costPer1kInferences(of unit: DeploymentUnit) -> Double? {
        guard let breakingPoint = breakingPoint(of: unit),
              let price = instanceTypes[unit.instanceType]?.hourlyPrice(region: unit.region, capacityType: unit.capacityType)
        else { return nil }
        return price / (breakingPoint * 3600) * 1000
    }

    /// What runs the model's units.
    func workload(of model: String) -> WorkloadKind {
        models[model]?.routing.workload ?? .deployment
    }

    /// The Service a unit's traffic goes to: its own, or the `<name>-predictor` Service KServe creates for its
    /// InferenceService (KServe's Standard mode listens on port 80 and forwards to the container's first port).
    func backend(of unit: DeploymentUnit) -> (service: String, port: Int) {
        switch workload(of: unit.model) {
        case .deployment: (unit.kubernetes.service, settings.servicePort)
        case .kserve: (ManifestRenderer.predictorName(of: unit), ManifestRenderer.kservePredictorPort)
        }
    }

    /// A model's enabled units whose instance type is known, in name order; the rest become warnings.
    func renderableUnits(of model: String, warnings: inout [RenderWarning]) -> [DeploymentUnit] {
        (unitsByModel[model] ?? []).filter { unit in
            guard unit.enabled else {
                warnings.append(RenderWarning(kind: .disabledUnit, subject: unit.name, message: "disabled; not rendered"))
                return false
            }
            guard instanceTypes[unit.instanceType] != nil else {
                warnings.append(RenderWarning(
                    kind: .unknownInstanceType, subject: unit.name,
                    message: "instance type \(unit.instanceType) is not registered; its device resource is unknown, so the unit is not rendered"))
                return false
            }
            if pools[unit.pool] == nil {
                warnings.append(RenderWarning(
                    kind: .unknownPool, subject: unit.name,
                    message: "pool \(unit.pool) is not registered; its pods select a NodePool that is not rendered"))
            }
            return true
        }
    }
}
