import Logging
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// Turns the registered fleet and the routing state in force into desired state, shows what applying it would
/// change, and pushes the changes through each model's applier, recording what succeeded and auditing every
/// attempt.
///
/// Pushes (applies and drift corrections) that touch the same models run one at a time, so two concurrent applies
/// never send the same change twice or record a baseline out of order; diffs and dry runs do not wait for them.
/// A failover push goes first: it queues ahead of every other push, interrupts a drift or convergence pass, and
/// sends its requests within ``failoverPushTimeout`` (what does not answer in time fails the switch, which the
/// next failover pass retries).
///
/// Rendering and diffing are the ``DesiredStateReader``'s, sending and recording the ``ChangePusher``'s, ordering
/// the ``PushLock``'s; this service puts them together for its callers.
public final class ApplyService: Sendable {
    let reader: DesiredStateReader
    let pusher: ChangePusher
    let lock = PushLock()
    /// How long a failover push may take once it holds its models; nil: no limit.
    public var failoverPushTimeout: Duration? { failoverDeadlines?.base }
    let failoverDeadlines: FailoverPushDeadlines?
    /// Where pushes and drift corrections are reported for monitoring.
    let metrics: any ControlMetrics
    /// What every push (an apply's, a drift correction's) runs inside.
    let fence: any PushFence

    /// - Parameters:
    ///   - appliers: one per target this process can push to; a model whose applier is missing can be diffed
    ///     but not applied (`ApplyError.applierUnavailable`).
    ///   - metrics: told each target's push, and each drift correction of the ``DriftCorrector`` driving this service.
    ///   - fence: what each push runs inside; replicas that share a database fence pushes with leadership terms.
    package init(
        database: any ServiceStore, appliers: [any Applier],
        settings: RenderSettings = RenderSettings(), builder: DesiredStateBuilder = DesiredStateBuilder(),
        failoverPushTimeout: Duration? = nil, metrics: any ControlMetrics = NoControlMetrics(),
        warnings: NodeWarningBoard = NodeWarningBoard(), fence: any PushFence = UnfencedPushes(),
        logger: Logger = Logger(label: "switchyard.apply")
    ) {
        self.failoverDeadlines = failoverPushTimeout.map(FailoverPushDeadlines.init(base:))
        self.metrics = metrics
        self.fence = fence
        reader = DesiredStateReader(
            database: database, settings: settings, builder: builder, warnings: warnings, logger: logger)
        pusher = ChangePusher(
            database: database, appliers: Dictionary(appliers.map { ($0.kind, $0) }) { _, last in last }, fence: fence,
            logger: logger, metrics: metrics)
    }

    /// The routing in force: the one a failover push handed down while its pass has not settled, else the
    /// failover state the store holds.
    public func routingInForce() async throws -> RoutingInForce {
        try await reader.routingInForce()
    }

    /// Changes whenever the routing in force may have; read it before `routingInForce()` to hold an answer against it.
    public var routingGeneration: RoutingGeneration { reader.routingGeneration }

    /// The targets this service can push to.
    public var targets: [ApplierKind] { ApplierKind.allCases.filter { pusher.appliers[$0] != nil } }

    /// The applier of a target, if this service can push there.
    func applier(for target: ApplierKind) -> (any Applier)? { pusher.appliers[target] }

    /// A target's last-applied records as stored, not yet read back.
    func lastAppliedRecords(target: ApplierKind) async throws -> [AppliedObject] {
        try await reader.database.appliedObjects(target: target.rawValue)
    }

    /// A last-applied record as an item, or nil (logged) when it does not read back.
    func item(fromStored record: AppliedObject) -> PushItem? {
        reader.pushItem(fromStored: record)
    }

    /// Records an audit event of the push pipeline (a drift correction).
    func audit(_ entry: AuditEntry) async throws {
        _ = try await reader.database.record(entry)
    }

    /// Runs `body` holding every model, as a pass a failover push may interrupt (see ``Preemption``).
    func preemptiblePass<T: Sendable>(_ body: @Sendable (Preemption) async throws -> T) async throws -> T {
        try await lock.withLock(.all, preemptible: true, body)
    }

    /// The desired state of the selected models (nil: all) under the routing state in force.
    /// Throws `ApplyError.notFound` for a model that is not registered.
    public func desiredState(models: Set<String>? = nil) async throws -> DesiredState {
        try await reader.desired(models: models)
    }

    /// The rendered objects of the selected models (nil: all) in apply order, each beside its tree. A selection
    /// also carries the shared cluster objects (NodePools, node classes) its models' units run on, once each.
    public func manifests(models: Set<String>? = nil) async throws -> (objects: [KubernetesObject], trees: [JSONValue]) {
        let (desired, trees) = try await reader.documents(models: models)
        let objects = desired.manifests.objects
        guard let models else { return (objects, trees) }
        let positions = Dictionary(objects.enumerated().map { ($0.element.identity, $0.offset) }) { first, _ in first }
        var seen: Set<ObjectIdentity> = []
        let selected = models.sorted().flatMap { desired.manifests.objects(forModel: $0) }.filter { seen.insert($0.identity).inserted }
        let pairs = selected.compactMap { object in positions[object.identity].map { (object, trees[$0]) } }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    /// Per target, what applying now would change; empty when everything desired was applied as it is.
    public func diff(models: Set<String>? = nil) async throws -> ApplyDiff {
        let scope = try await reader.scope(models: models)
        return try DesiredStateReader.diff(scope, changes: reader.changes(scope))
    }

    /// One apply, run under the push lock: the scope read, then its changes pushed.
    func pushChanges(
        models: Set<String>?, proposing proposed: [String: AdaptiveRouting] = [:],
        given: (fleet: Fleet, routing: RoutingInForce)? = nil, context: ChangeContext,
        mode: PushMode = .direct, quietRepeats: Bool = false
    ) async throws -> PushResult {
        let scope = try await reader.scope(models: models, proposing: proposed, given: given)
        return try await pusher.push(
            scope, changes: reader.changes(scope), models: models, context: context, mode: mode, quietRepeats: quietRepeats)
    }

    /// Pushes what changed since the last successful apply to each target and records it.
    ///
    /// Unchanged items are not sent again. Each target's successful items become its last-applied state in
    /// the same transaction as a `push`/`apply` audit event; failed items are audited as `push`/`apply-failed`
    /// with their errors and left out of the last-applied state, so the next apply tries them again. A dry run
    /// returns the diff and sends and records nothing.
    public func apply(models: Set<String>? = nil, dryRun: Bool = false, context: ChangeContext) async throws -> ApplyReport {
        if dryRun {
            return ApplyReport(dryRun: true, diff: try await diff(models: models), pushes: [])
        }
        return try await lock.withLock(models.map(PushLock.Scope.models) ?? .all) { _ in
            try await self.pushChanges(models: models, context: context).report
        }
    }

    /// An apply of every model that a failover push may interrupt (the convergence pass): what was sent before
    /// the interruption is recorded, the rest is left for the next pass. A failure the same as the one audited last
    /// for its target is logged, not audited again.
    /// - Throws: ``PushPreempted`` when interrupted.
    public func reconcile(context: ChangeContext) async throws -> ApplyReport {
        try await lock.withLock(.all, preemptible: true) { preemption in
            try await self.pushChanges(models: nil, context: context, mode: .preemptible(preemption), quietRepeats: true).report
        }
    }
}
