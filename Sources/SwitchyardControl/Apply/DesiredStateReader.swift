import Foundation
import Logging
import Synchronization
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// The desired items and the last-applied items an apply or diff of some models looks at.
struct ApplyScope {
    var desired: DesiredState
    var plan: PushPlan
    /// Per target, the last-applied records in scope: those of the selected models, plus the shared objects the
    /// selection desires (all of them when every model is selected). Read back only where they differ.
    var lastApplied: [ApplierKind: [AppliedObject]]
}

/// Renders what should be in force and reads what was applied: the fleet and the routing in force (the failover
/// state the store holds, or the routing a failover push handed down until its pass settles) turned into desired
/// state per target, beside the last-applied state, and the diff between them. Reads only; never pushes.
final class DesiredStateReader: Sendable {
    let database: any ServiceStore
    let settings: RenderSettings
    let builder: DesiredStateBuilder
    let logger: Logger
    /// The routing a failover push handed down, in force until the failover pass settles; nil: the stored one.
    /// Changed through `handDown(_:)` only.
    private let handedDown = Mutex<RoutingInForce?>(nil)
    /// How many times `handedDown` changed.
    private let handOvers = Atomic<Int>(0)
    /// The last desired state, its objects' trees and its push plan, with everything they were built from. The store
    /// hands out the same fleet until a change commits, and equal arrays sharing storage compare at once, so a scope
    /// asked again with nothing changed (drift passes, scrapes, repeated reads) is not planned, rendered or encoded
    /// again. Trees are encoded the first time a read of the manifests, an apply, a diff or a drift check needs them,
    /// and the push plan (the trees by target, with their stored texts) the first time one of the last three does:
    /// a manifests read followed by a diff encodes every object once.
    private let lastBuilt = Mutex<BuiltScope?>(nil)

    /// What a desired state is built from; compared cheapest first.
    private struct ScopeInputs: Sendable, Equatable {
        var models: Set<String>?
        var routing: RoutingInForce
        var adaptive: [String: AdaptiveRouting]
        var versions: [String: VersionRouting]
        var warnings: NodeWarnings
        var fleet: Fleet

        /// The selected models, in fleet order.
        var selected: [ServedModel] { models.map { names in fleet.models.filter { names.contains($0.name) } } ?? fleet.models }
    }

    private struct BuiltScope: Sendable {
        var inputs: ScopeInputs
        var desired: DesiredState
        /// Each rendered object as a tree, in render order.
        var trees: [JSONValue]?
        var plan: PushPlan?
    }

    /// How much of a scope a caller needs.
    private enum Depth: Int, Comparable {
        case desired, trees, plan

        static func < (lhs: Depth, rhs: Depth) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Nodes about to go, whose units' shares move to the other units.
    let warnings: NodeWarningBoard

    init(
        database: any ServiceStore, settings: RenderSettings, builder: DesiredStateBuilder, warnings: NodeWarningBoard,
        logger: Logger
    ) {
        self.database = database
        self.warnings = warnings
        self.settings = settings
        self.builder = builder
        self.logger = logger
    }

    /// The routing in force: the one a failover push handed down while its pass has not settled, else the
    /// failover state the store holds.
    func routingInForce() async throws -> RoutingInForce {
        if let routing = handedDown.withLock({ $0 }) { return routing }
        return RoutingInForce(try await database.failoverState())
    }

    /// Puts a failover push's routing in force until the pass settles (nil: the stored routing again).
    func handDown(_ routing: RoutingInForce?) {
        handedDown.withLock { $0 = routing }
        // Counted after the change, so a reader that saw the old count may have read either routing, never the reverse.
        handOvers.add(1, ordering: .sequentiallyConsistent)
    }

    /// Changes whenever the routing in force may have: a commit to the failover state, or a hand-down or settle.
    var routingGeneration: RoutingGeneration {
        RoutingGeneration(stored: database.failoverGeneration, handOvers: handOvers.load(ordering: .sequentiallyConsistent))
    }

    /// The scope for these inputs built to `depth`: what was built last, where the inputs are the same, carried
    /// further where it falls short.
    private func built(_ inputs: ScopeInputs, to depth: Depth) async throws -> BuiltScope {
        var scope: BuiltScope
        var extended = false
        if let last = lastBuilt.withLock({ $0 }), last.inputs == inputs {
            scope = last
        } else {
            extended = true
            scope = BuiltScope(
                inputs: inputs,
                desired: await builder.buildConcurrently(
                    fleet: inputs.fleet, strategies: inputs.routing.strategies, shortPools: inputs.routing.shortPools,
                    settings: settings, models: inputs.models, adaptive: inputs.adaptive, versions: inputs.versions,
                    warnings: inputs.warnings))
        }
        if depth >= .trees, scope.trees == nil {
            extended = true
            do {
                scope.trees = try await ChunkedWork.map(scope.desired.manifests.objects) { objects in
                    try objects.map { try $0.jsonValue() }
                }
            } catch {
                throw ApplyError.rendering(String(describing: error))
            }
        }
        if depth >= .plan, scope.plan == nil, let trees = scope.trees {
            extended = true
            scope.plan = try await PushPlan(
                desired: scope.desired, trees: trees, fleetModels: inputs.fleet.models, selected: inputs.selected,
                selectedByName: inputs.models != nil)
        }
        if extended {
            let finished = scope
            lastBuilt.withLock { $0 = finished }
        }
        return scope
    }

    /// What the scope of `models` is built from: the fleet, the routing in force, adaptive mixes and versions.
    private func inputs(
        models: Set<String>?, proposing proposed: [String: AdaptiveRouting], given: (fleet: Fleet, routing: RoutingInForce)?
    ) async throws -> ScopeInputs {
        let stored = if let given { given.fleet } else { try await database.fleetSnapshot() }
        // Spot is priced at the interruption rates learned from what the pools' spot nodes did.
        let fleet = LearnedInterruptionRates(try await database.spotObservations()).applied(to: stored)
        if let models {
            let known = Set(fleet.models.map(\.name))
            if let unknown = models.sorted().first(where: { !known.contains($0) }) { throw ApplyError.notFound(model: unknown) }
        }
        let overrides: RoutingInForce
        if let given {
            overrides = given.routing
        } else {
            do {
                overrides = try await routingInForce()
            } catch {
                throw ApplyError.routingStateUnavailable(String(describing: error))
            }
        }
        let states = try await database.adaptiveStates()
        var adaptive: [String: AdaptiveRouting] = [:]
        for model in fleet.models where model.routing.adaptive {
            if let routing = proposed[model.name] {
                adaptive[model.name] = routing
            } else if let state = states[model.name], !state.inForce.weights.isEmpty {
                adaptive[model.name] = state.routing
            }
        }
        // The rollouts' version split holds whatever else is in force: a failover plans within each version.
        let versions = try await database.versionRoutings()
        return ScopeInputs(
            models: models, routing: overrides, adaptive: adaptive, versions: versions,
            warnings: warnings.inForce(), fleet: fleet)
    }

    /// The desired state of the selected models (nil: all) under the routing in force, without a push plan.
    func desired(models: Set<String>?) async throws -> DesiredState {
        try await built(try await inputs(models: models, proposing: [:], given: nil), to: .desired).desired
    }

    /// The desired state of the selected models (nil: all) and each of its objects as a tree, in render order.
    func documents(models: Set<String>?) async throws -> (desired: DesiredState, trees: [JSONValue]) {
        let scope = try await built(try await inputs(models: models, proposing: [:], given: nil), to: .trees)
        return (scope.desired, scope.trees ?? [])
    }

    /// - Parameters:
    ///   - proposed: adaptive routings being pushed by the rebalancer, in place of those stored.
    ///   - given: the fleet and failover routing a failover pass read and decided, in place of reading them.
    func scope(
        models: Set<String>?, proposing proposed: [String: AdaptiveRouting] = [:], given: (fleet: Fleet, routing: RoutingInForce)? = nil
    ) async throws -> ApplyScope {
        let inputs = try await inputs(models: models, proposing: proposed, given: given)
        let built = try await built(inputs, to: .plan)
        guard let plan = built.plan else { throw ApplyError.rendering("no push plan was built") }
        let desired = built.desired

        var lastApplied: [ApplierKind: [AppliedObject]] = [:]
        for kind in ApplierKind.allCases {
            let desiredKeys = Set(plan.items[kind]?.map(\.key) ?? [])
            let rows = try await database.appliedObjects(target: kind.rawValue).filter { row in
                guard let models else { return true }
                if let model = row.model { return models.contains(model) }
                return desiredKeys.contains(row.key)
            }
            lastApplied[kind] = rows
        }
        return ApplyScope(desired: desired, plan: plan, lastApplied: lastApplied)
    }

    /// Per target, what differs between the scope's desired items and its last-applied records.
    func changes(_ scope: ApplyScope) -> [ApplierKind: TargetChanges] {
        var changes: [ApplierKind: TargetChanges] = [:]
        for kind in ApplierKind.allCases {
            let desired = scope.plan.items[kind] ?? []
            let lastApplied = scope.lastApplied[kind] ?? []
            guard !desired.isEmpty || !lastApplied.isEmpty else { continue }
            changes[kind] = TargetChanges(
                desired: desired, lastApplied: lastApplied,
                read: pushItem(fromStored:))
        }
        return changes
    }

    /// The diff of the scope: one entry per target with desired or last-applied items, in `ApplierKind` order.
    static func diff(_ scope: ApplyScope, changes: [ApplierKind: TargetChanges]) throws -> ApplyDiff {
        var targets: [TargetDiff] = []
        for kind in ApplierKind.allCases {
            guard let target = changes[kind] else { continue }
            do {
                targets.append(TargetDiff(target: kind, diff: try target.diff()))
            } catch {
                throw ApplyError.rendering(String(describing: error))
            }
        }
        return ApplyDiff(targets: targets, warnings: scope.desired.manifests.warnings)
    }

    /// A last-applied record as an item, or nil (logged) when its document does not read back. Such a record is
    /// treated as never applied: the diff shows the object as added and the next apply sends it again and
    /// overwrites the record, so one bad record never wedges manifests, diffs, applies or drift checks.
    func pushItem(fromStored row: AppliedObject) -> PushItem? {
        guard let document = try? Self.document(fromStored: row.document) else {
            logger.warning(
                "a last-applied record does not read back; it is ignored until the object is applied again",
                metadata: ["target": "\(row.target)", "key": "\(row.key)", "model": "\(row.model ?? "-")"])
            return nil
        }
        return PushItem(key: row.key, model: row.model, document: document, storedText: row.document)
    }

    /// A last-applied document as stored (JSON text), keeping its key order.
    static func document(fromStored text: String) throws -> JSONValue {
        guard let document = try? JSONValue(jsonText: text), case .object = document else {
            throw ApplyError.rendering("a last-applied document is not one JSON object")
        }
        return document
    }
}
