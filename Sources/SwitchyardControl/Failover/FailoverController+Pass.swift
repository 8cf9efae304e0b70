import Foundation
import SwitchyardCore
import SwitchyardStore

extension FailoverController {
    /// One observe→decide→apply→audit step at time `now`; idempotent (a second pass at the same time with no
    /// new signal changes nothing). Passes run one after another, never interleaved.
    @discardableResult
    public func pass(now: Date) async throws -> FailoverPassReport {
        let previous = lastPass
        let next = Task {
            _ = try? await previous?.value
            return try await self.runPass(now: now)
        }
        lastPass = next
        return try await next.value
    }

    func runPass(now: Date) async throws -> FailoverPassReport {
        let started = ContinuousClock.now
        guard await leadership.isLeader else { return FailoverPassReport(outcome: .notLeader, at: now) }
        let fleet = try await database.fleetSnapshot()
        let committed = try await database.failoverState()
        let pending = try await database.pendingCapacitySignals()
        let machine = FailoverStateMachine(settings: effectiveSettings(for: fleet))
        let adaptive = try await adaptiveInForce(fleet)
        let decision = machine.step(
            committed, signals: pending.map(\.signal), costPools: costPools(of: fleet, adaptiveInForce: adaptive), at: now)
        let folded = pending.map(\.id)

        // Pool health also shapes the plans of models already failed over, so when it changes they are pushed too.
        let healthChanged = RoutingInForce(committed).shortPools != RoutingInForce(decision.state).shortPools
        defer { if healthChanged { poolHealthContinuation.yield() } }
        let switching = Set(decision.transitions.map(\.model))
        var toPush = switching.union(unpushedModels).union(expiredWarnings(at: now))
        if healthChanged {
            toPush.formUnion(decision.state.models.filter { $0.value.configuration != .cost }.keys)
        }
        toPush.formIntersection(fleet.models.map(\.name))

        guard !toPush.isEmpty else {
            try await database.commitFailoverPass(state: decision.state, foldedSignals: folded, audits: [])
            return FailoverPassReport(outcome: .unchanged, at: now, foldedSignals: folded.count)
        }

        let context = ChangeContext(
            actor: Self.auditActor, requestID: "failover-\(UUID().uuidString.lowercased())",
            reason: decision.transitions.map { "\($0.model): \($0.from) -> \($0.to) (\($0.detail))" }.joined(separator: "; "))
        var failures: [String: String]
        do {
            failures = try await pusher.push(
                FailoverPush(models: toPush, routing: RoutingInForce(decision.state), fleet: fleet, context: context))
        } catch {
            failures = Dictionary(uniqueKeysWithValues: toPush.map { ($0, String(describing: error)) })
        }
        failures = failures.filter { toPush.contains($0.key) }

        let failedSwitches = switching.intersection(failures.keys)
        unpushedModels = Set(failures.keys).subtracting(switching)
        let state = decision.state(afterFailedPushes: failedSwitches, previous: committed)
        var audits: [AuditEntry] = []
        var done: [FailoverTransition] = []
        for transition in decision.transitions {
            let before = committed.routing(of: transition.model)
            if let failure = failures[transition.model] {
                audits.append(try switchAudit(
                    action: .switchFailed, transition: transition, before: before,
                    after: decision.state.routing(of: transition.model), requestID: context.requestID,
                    reason: "push failed, retried next pass: \(failure)"))
                logger.warning("failover push failed", metadata: ["model": "\(transition.model)", "error": "\(failure)"])
            } else {
                audits.append(try switchAudit(
                    action: .switch, transition: transition, before: before,
                    after: state.routing(of: transition.model), requestID: context.requestID, reason: transition.detail))
                done.append(transition)
                logger.notice("failover switch", metadata: [
                    "model": "\(transition.model)", "from": "\(transition.from)", "to": "\(transition.to)",
                    "reason": "\(transition.reason.rawValue)",
                ])
            }
        }
        do {
            try await database.commitFailoverPass(state: state, foldedSignals: folded, audits: audits)
        } catch {
            await pusher.settle()
            throw error
        }
        await pusher.settle()
        recordSwitches(done, pending: pending, decidedAt: now, passTime: ContinuousClock.now - started)
        return FailoverPassReport(
            outcome: failures.isEmpty ? (done.isEmpty ? .unchanged : .switched) : .pushFailed, at: now,
            foldedSignals: folded.count, committed: done, failed: failures)
    }

    /// Reports committed switches; a switch a shortage caused with its reaction time: from the first short signal
    /// of its evidence reaching the store (the pending one received first, else the evidence observed first) to the
    /// pass deciding at `decidedAt`, plus the pass's own time to push and commit.
    private func recordSwitches(_ switches: [FailoverTransition], pending: [StoredCapacitySignal], decidedAt: Date, passTime: Duration) {
        for transition in switches {
            var reaction: Duration?
            if transition.reason == .poolShort || transition.reason == .shortPoolsChanged {
                let shortPools = Set(transition.evidence.filter { $0.condition == .short }.map(\.pool))
                let received = pending.filter { $0.signal.condition == .short && shortPools.contains($0.signal.pool) }
                    .map(\.receivedAt).min()
                let observed = transition.evidence.filter { $0.condition == .short }.map(\.observedAt).min()
                if let first = received ?? observed {
                    let waited = max(0, decidedAt.timeIntervalSince(first))
                    reaction = .milliseconds(Int64((waited * 1000).rounded())) + passTime
                }
            }
            metrics.switched(model: transition.model, to: transition.to, reaction: reaction)
        }
    }

    /// Models on the adaptive configuration whose mix is in force: a shortage re-solves their mix in the
    /// adaptive rebalancer (woken through ``poolHealthChanges``), so the failover switch leaves them alone.
    func adaptiveInForce(_ fleet: Fleet) async throws -> Set<String> {
        guard fleet.models.contains(where: \.routing.adaptive) else { return [] }
        let states = try await database.adaptiveStates()
        return Set(fleet.models.filter { $0.routing.adaptive && !(states[$0.name]?.inForce.weights.isEmpty ?? true) }.map(\.name))
    }

    /// Per model, the pools of the units carrying traffic in its cost configuration (its default strategy,
    /// planned with every pool healthy). Models in `adaptiveInForce` are left out, so the state machine leaves
    /// their recorded configuration as it is.
    func costPools(of fleet: Fleet, adaptiveInForce: Set<String> = []) -> [String: Set<String>] {
        if let memo = costPoolsMemo, memo.adaptive == adaptiveInForce, memo.fleet == fleet { return memo.pools }
        let index = FleetIndex(fleet)
        let poolOfUnit = Dictionary(fleet.units.map { ($0.name, $0.pool) }, uniquingKeysWith: { first, _ in first })
        var result: [String: Set<String>] = [:]
        for model in fleet.models where !adaptiveInForce.contains(model.name) {
            let plan = planner.plan(PlanningInput(index: index, model: model, strategy: model.routing.defaultStrategy))
            result[model.name] = Set(plan.entries.filter { $0.weight > 0 }.compactMap { poolOfUnit[$0.unit] })
        }
        costPoolsMemo = (fleet, adaptiveInForce, result)
        return result
    }

    /// The configured settings, with each model's failover target from its `routing.failoverStrategy` unless
    /// the settings name one.
    func effectiveSettings(for fleet: Fleet) -> FailoverSettings {
        var effective = settings
        for model in fleet.models where settings.targets[model.name] == nil {
            effective.targets[model.name] = FailoverTarget(model.routing.failoverStrategy)
        }
        return effective
    }

    private func switchAudit(
        action: AuditAction, transition: FailoverTransition, before: ModelRouting, after: ModelRouting, requestID: String,
        reason: String
    ) throws -> AuditEntry {
        try AuditEntry(
            actor: Self.auditActor, action: action, kind: .failover, name: transition.model,
            before: FailoverAuditRouting(before), after: FailoverAuditRouting(after), requestID: requestID, reason: reason)
    }
}
