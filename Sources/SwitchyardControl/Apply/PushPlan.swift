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

    /// - Parameter trees: each of `desired`'s objects as a tree, in the same order.
    init(
        desired: DesiredState, trees: [JSONValue], fleetModels: [ServedModel], selected: [ServedModel], selectedByName: Bool
    ) async throws {
        let modelsByName = Dictionary(fleetModels.map { ($0.name, $0) }) { first, _ in first }
        let fleetKinds = Set(fleetModels.map(\.routing.applier))
        var items: [ApplierKind: [PushItem]] = [:]
        let storedTexts = try await ChunkedWork.map(trees) { chunk in chunk.map { $0.jsonText(pretty: false) } }
        func item(_ index: Int, key: String, model: String?) -> PushItem {
            PushItem(key: key, model: model, document: trees[index], storedText: storedTexts[index])
        }
        do {
            for (index, object) in desired.manifests.objects.enumerated() {
                let document = trees[index]
                let key = object.identity.description
                guard let modelName = object.metadata.labels?[RenderLabels.model] else {
                    if fleetKinds.contains(.kubernetes) {
                        items[.kubernetes, default: []].append(item(index, key: key, model: nil))
                    }
                    if fleetKinds.contains(.files) {
                        items[.files, default: []].append(item(index, key: ManifestFileLayout.path(of: object), model: nil))
                    }
                    continue
                }
                guard let applier = modelsByName[modelName]?.routing.applier else { continue }
                switch applier {
                case .kubernetes:
                    items[.kubernetes, default: []].append(item(index, key: key, model: modelName))
                case .albAnnotation where ALBAnnotationApplier.isIngress(document):
                    items[.albAnnotation, default: []].append(item(index, key: key, model: modelName))
                case .files:
                    items[.files, default: []].append(item(index, key: ManifestFileLayout.path(of: object), model: modelName))
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
