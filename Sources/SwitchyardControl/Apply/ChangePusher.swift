import Logging
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// Sends what changed between a scope's last-applied and desired items through each target's applier, and
/// records the outcome: what succeeded becomes the target's last-applied state with its audit event, what
/// failed is audited (once per change of outcome when asked).
final class ChangePusher: Sendable {
    let database: any ServiceStore
    let appliers: [ApplierKind: any Applier]
    let logger: Logger
    let metrics: any ControlMetrics
    let fence: any PushFence
    let failureAudits = FailureAuditMemory()

    init(
        database: any ServiceStore, appliers: [ApplierKind: any Applier], fence: any PushFence, logger: Logger,
        metrics: any ControlMetrics
    ) {
        self.database = database
        self.appliers = appliers
        self.fence = fence
        self.logger = logger
        self.metrics = metrics
    }

    /// Pushes `scope`'s changes; `mode` says how its requests are sent. With `quietRepeats`, a target's failure
    /// identical to the one audited last is not audited again.
    func push(
        _ scope: ApplyScope, changes: [ApplierKind: TargetChanges], models: Set<String>?, context: ChangeContext,
        mode: PushMode, quietRepeats: Bool
    ) async throws -> PushResult {
        let diff = try DesiredStateReader.diff(scope, changes: changes)

        var work: [(kind: ApplierKind, changed: [PushItem], released: [String], previous: [String: PushItem])] = []
        for kind in ApplierKind.allCases {
            guard let target = changes[kind], !target.isEmpty else { continue }
            // Refuse before sending anything, so an apply never stops half-way for want of an applier.
            if !target.changed.isEmpty, appliers[kind] == nil {
                throw ApplyError.applierUnavailable(kind, model: target.changed.compactMap(\.model).first ?? "(shared objects)")
            }
            work.append((kind: kind, changed: target.changed, released: target.released, previous: target.previous))
        }

        var pushes: [TargetPush] = []
        for target in work {
            var outcomes: [PushOutcome] = []
            if !target.changed.isEmpty, let applier = appliers[target.kind] {
                let started = ContinuousClock.now
                outcomes = try await fence.fenced { try await mode.push(target.changed, through: applier) }
                let accepted = Set(outcomes.filter(\.succeeded).map(\.key))
                metrics.pushed(
                    target: target.kind, succeeded: target.changed.allSatisfy { accepted.contains($0.key) },
                    duration: ContinuousClock.now - started)
            }
            try await record(
                target: target.kind, sent: target.changed, outcomes: outcomes, released: target.released,
                previous: target.previous, context: context, quietRepeats: quietRepeats)
            pushes.append(TargetPush(target: target.kind, outcomes: outcomes, released: target.released))
        }
        // An apply with nothing to send (the reconcile pass, most of the time) is not news.
        logger.log(
            level: pushes.isEmpty ? .debug : .info, "apply finished",
            metadata: [
                "models": "\(models.map { $0.sorted().joined(separator: ",") } ?? "all")",
                "sent": "\(pushes.reduce(0) { $0 + $1.outcomes.count })",
                "failed": "\(pushes.reduce(0) { $0 + $1.outcomes.filter { !$0.succeeded }.count })",
                "requestID": "\(context.requestID)",
            ])
        var modelOfKey: [String: String] = [:]
        for item in scope.plan.items.values.joined() {
            if let model = item.model { modelOfKey[item.key] = model }
        }
        return PushResult(report: ApplyReport(dryRun: false, diff: diff, pushes: pushes), modelOfKey: modelOfKey)
    }

    /// Records what succeeded as last applied together with its audit event, then audits what failed.
    private func record(
        target: ApplierKind, sent: [PushItem], outcomes: [PushOutcome], released: [String], previous: [String: PushItem],
        context: ChangeContext, quietRepeats: Bool
    ) async throws {
        let results = Dictionary(outcomes.map { ($0.key, $0) }) { first, _ in first }
        let succeeded = sent.filter { results[$0.key]?.succeeded == true }
        let failed = sent.filter { results[$0.key]?.succeeded != true }
        if !succeeded.isEmpty || !released.isEmpty {
            let summary = Self.summary(
                target: target, result: "succeeded",
                objects: succeeded.map { item in (item.key, previous[item.key] == nil ? "added" : "changed", nil) },
                released: released)
            try await database.recordApplied(
                target: target.rawValue,
                upserts: succeeded.map { AppliedObjectDraft(key: $0.key, model: $0.model, document: $0.storedText) },
                removals: released,
                audit: try AuditEntry(
                    actor: context.actor, action: .apply, kind: .push, name: target.rawValue, after: summary,
                    requestID: context.requestID, reason: context.reason))
        }
        guard !failed.isEmpty else {
            failureAudits.clear(target)
            return
        }
        let summary = Self.summary(
            target: target, result: "failed",
            objects: failed.map { item in
                (item.key, previous[item.key] == nil ? "added" : "changed", results[item.key]?.error ?? "no outcome reported")
            },
            released: [])
        guard failureAudits.isNew(summary.jsonText(pretty: false), for: target) || !quietRepeats else {
            logger.info("apply failed as before; not audited again", metadata: [
                "target": "\(target.rawValue)", "failed": "\(failed.count)", "requestID": "\(context.requestID)",
            ])
            return
        }
        _ = try await database.record(try AuditEntry(
            actor: context.actor, action: .applyFailed, kind: .push, name: target.rawValue, after: summary,
            requestID: context.requestID, reason: context.reason))
    }

    /// `{"target":…,"result":…,"objects":[{"key":…,"change":"added"|"changed","error":…}],"released":[…]}`.
    static func summary(target: ApplierKind, result: String, objects: [(key: String, change: String, error: String?)], released: [String]) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("target", .string(target.rawValue)),
            .init("result", .string(result)),
            .init("objects", .array(objects.map { object in
                var fields: [JSONValue.Member] = [.init("key", .string(object.key)), .init("change", .string(object.change))]
                if let error = object.error { fields.append(.init("error", .string(error))) }
                return .object(fields)
            })),
        ]
        if !released.isEmpty { members.append(.init("released", .array(released.map(JSONValue.string)))) }
        return JSONValue.object(members)
    }
}

/// An apply's report, with the model each item key served (shared objects have none).
struct PushResult {
    var report: ApplyReport
    var modelOfKey: [String: String]
}
