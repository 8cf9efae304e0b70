import Foundation
import Logging
import SwitchyardCore
import SwitchyardStore

/// Holds the failover state in the store and moves it on, one idempotent pass at a time: fold the capacity
/// signals received, let the pure ``FailoverStateMachine`` decide, push each switch, and commit the new
/// routing with its audit event only after its push succeeded. A failed push is audited and proposed again
/// by the next pass. Only the lease holder runs passes.
///
/// Operators and observers report signals and pin models at any time; a report or pin wakes the
/// ``FailoverLoop`` through ``wakeups`` so the pass follows at once.
public actor FailoverController {
    /// Actor of the audit events written by passes.
    public static let auditActor = "system"

    let database: any ServiceStore
    let pusher: any FailoverPushing
    let leadership: any Leadership
    /// Timing and default target; per-model targets come from each model's `routing.failoverStrategy`
    /// unless listed here.
    public let settings: FailoverSettings
    let planner: RoutingPlanner
    let logger: Logger
    /// The capacity observers' states, shown in the status.
    public nonisolated let observerHealth: ObserverHealth
    /// Told each committed switch and how long its shortage took to be acted on.
    let metrics: any ControlMetrics

    /// Models whose plan changed with pool health but whose push failed; pushed again next pass.
    var unpushedModels: Set<String> = []
    /// Nodes about to go, which the desired state plans around.
    let warnings: NodeWarningBoard
    /// Per model with units on a warned node, when its last warning expires: it is pushed again then.
    var warnedModels: [String: Date] = [:]
    /// The last pools in use per model and what they were computed from: the store hands out the same fleet until a
    /// change commits, and comparing the same arrays is immediate, so passes replan only after a change.
    var costPoolsMemo: (fleet: Fleet, adaptive: Set<String>, pools: [String: Set<String>])?
    /// The pass running or queued last; passes run one after another.
    var lastPass: Task<FailoverPassReport, any Error>?

    /// Yields after every report and pin, so a loop can run a pass at once. Coalesces: a burst is one wakeup.
    public nonisolated let wakeups: AsyncStream<Void>
    let wakeupContinuation: AsyncStream<Void>.Continuation
    /// Yields after every pass that changed which pools are short, so the adaptive rebalancer re-solves the
    /// mixes at once instead of at its next interval. Coalesces: a burst is one yield.
    public nonisolated let poolHealthChanges: AsyncStream<Void>
    let poolHealthContinuation: AsyncStream<Void>.Continuation

    package init(
        database: any ServiceStore, pusher: any FailoverPushing, leadership: any Leadership = SingleReplicaLeadership(),
        settings: FailoverSettings = FailoverSettings(), planner: RoutingPlanner = RoutingPlanner(),
        observerHealth: ObserverHealth = ObserverHealth(), metrics: any ControlMetrics = NoControlMetrics(),
        warnings: NodeWarningBoard = NodeWarningBoard(), logger: Logger = Logger(label: "switchyard.failover")
    ) {
        self.observerHealth = observerHealth
        self.warnings = warnings
        self.metrics = metrics
        self.database = database
        self.pusher = pusher
        self.leadership = leadership
        self.settings = settings
        self.planner = planner
        self.logger = logger
        (wakeups, wakeupContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (poolHealthChanges, poolHealthContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: Reports and pins

    /// Records a capacity signal (an operator's report or an observer's) for the next pass, with its audit event.
    /// - Throws: ``FailoverError/unknownPool(_:)`` when no registered pool has the signal's pool name.
    @discardableResult
    public func report(_ signal: CapacitySignal, context: ChangeContext) async throws -> StoredCapacitySignal {
        let fleet = try await database.fleetSnapshot()
        guard fleet.pools.contains(where: { $0.name == signal.pool }) else { throw FailoverError.unknownPool(signal.pool) }
        let stored = try await database.recordCapacitySignal(signal, context: context)
        logger.info("capacity signal", metadata: [
            "pool": "\(signal.pool)", "condition": "\(signal.condition.rawValue)", "source": "\(signal.source.rawValue)",
            "reason": "\(signal.reason)",
        ])
        wakeupContinuation.yield()
        return stored
    }

    /// Pins a model to a configuration until ``unpin(model:context:)``: pool health no longer moves it. The
    /// switch happens at the next pass (after the minimum dwell).
    @discardableResult
    public func pin(model: String, to configuration: ModelConfiguration, context: ChangeContext) async throws -> ModelRouting {
        try await requireModel(model)
        let (_, after) = try await database.setFailoverPin(model: model, pin: configuration, context: context)
        wakeupContinuation.yield()
        return after
    }

    /// Removes a model's pin; from the next pass pool health decides again.
    @discardableResult
    public func unpin(model: String, context: ChangeContext) async throws -> ModelRouting {
        try await requireModel(model)
        let (_, after) = try await database.setFailoverPin(model: model, pin: nil, context: context)
        wakeupContinuation.yield()
        return after
    }

    private func requireModel(_ model: String) async throws {
        let fleet = try await database.fleetSnapshot()
        guard fleet.models.contains(where: { $0.name == model }) else { throw FailoverError.unknownModel(model) }
    }

    // MARK: Routing in force

    /// The routing the committed failover state puts in force.
    public func routingInForce() async throws -> RoutingInForce {
        RoutingInForce(try await database.failoverState())
    }
}
