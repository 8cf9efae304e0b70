import SwitchyardAdapters
import SwitchyardCore

/// Which items of a desired state go to which target, by each model's `routing.applier`:
///
/// - `kubernetes`: every object labelled with the model;
/// - `alb-annotation`: only the model's Ingress;
/// - `elbv2`: the model's forward config, keyed by its rule ARN, else its listener ARN;
/// - `files`: every object labelled with the model and its forward config, keyed by file path.
///
/// Shared objects (NodePools, the EC2NodeClass) go to `kubernetes` when any model of the fleet uses it and to
/// `files` when any uses that, whichever models are selected, so a shared object always lives on the same
/// targets.
///
/// A model whose `elbv2` push cannot be planned (no ARN, no forward config) is refused when it was selected by
/// name (`unconfigured`), and otherwise left out, so one such model never stops every other model's push; the
/// renderer's warnings say why its forward config is missing.
struct PushPlan: Sendable {
    /// Desired items per target, in render order (pools before workloads).
    var items: [ApplierKind: [PushItem]]

    init(desired: DesiredState, fleetModels: [ServedModel], selected: [ServedModel], selectedByName: Bool) throws {
        let modelsByName = Dictionary(fleetModels.map { ($0.name, $0) }) { first, _ in first }
        let fleetKinds = Set(fleetModels.map(\.routing.applier))
        var items: [ApplierKind: [PushItem]] = [:]
        do {
            for object in desired.manifests.objects {
                let document = try object.jsonValue()
                let key = object.identity.description
                guard let modelName = object.metadata.labels?[RenderLabels.model] else {
                    if fleetKinds.contains(.kubernetes) {
                        items[.kubernetes, default: []].append(PushItem(key: key, model: nil, document: document))
                    }
                    if fleetKinds.contains(.files) {
                        items[.files, default: []].append(PushItem(key: ManifestFileLayout.path(of: object), model: nil, document: document))
                    }
                    continue
                }
                guard let applier = modelsByName[modelName]?.routing.applier else { continue }
                switch applier {
                case .kubernetes:
                    items[.kubernetes, default: []].append(PushItem(key: key, model: modelName, document: document))
                case .albAnnotation where ALBAnnotationApplier.isIngress(document):
                    items[.albAnnotation, default: []].append(PushItem(key: key, model: modelName, document: document))
                case .files:
                    items[.files, default: []].append(PushItem(key: ManifestFileLayout.path(of: object), model: modelName, document: document))
                case .albAnnotation, .elbv2:
                    break
                }
            }
            for forward in desired.manifests.forwardConfigs {
                guard let model = modelsByName[forward.model] else { continue }
                switch model.routing.applier {
                case .elbv2:
                    guard let arn = model.routing.ruleARN ?? model.routing.listenerARN else {
                        guard selectedByName else { continue }
                        throw ApplyError.unconfigured(model: model.name, reason: "the elbv2 applier needs routing.listenerARN or routing.ruleARN")
                    }
                    items[.elbv2, default: []].append(
                        PushItem(key: arn, model: model.name, document: try ELBv2Applier.document(for: forward.forwardConfig)))
                case .files:
                    let file = try ManifestFileLayout.files(for: RenderedManifests(objects: [], forwardConfigs: [forward], warnings: []))
                    items[.files, default: []].append(
                        PushItem(key: file[0].path, model: model.name, document: try ManifestSerializer.treeValue(forward.forwardConfig)))
                case .kubernetes, .albAnnotation:
                    break
                }
            }
        } catch let error as ApplyError {
            throw error
        } catch {
            throw ApplyError.rendering(String(describing: error))
        }
        let forwarded = Set(desired.manifests.forwardConfigs.map(\.model))
        if selectedByName, let model = selected.first(where: { $0.routing.applier == .elbv2 && !forwarded.contains($0.name) }) {
            throw ApplyError.unconfigured(
                model: model.name,
                reason: "the elbv2 applier needs a forward config, and none was rendered (no unit has a target group ARN, or the model has no plan)")
        }
        self.items = items
    }
}
