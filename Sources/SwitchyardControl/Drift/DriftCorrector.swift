import Foundation
import Logging
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// Keeps targets at their last-applied state: reads every last-applied item back through its applier and,
/// where the live value differs (someone edited the ALB or an object by hand) or the item is gone, pushes
/// the last-applied value again and audits it as drift.
///
/// A pass runs under the same lock as applies, so it never restores a value an apply is replacing. A convergence
/// pass then applies whatever of the desired state is not yet in force. A failover push interrupts either pass
/// (the report says `preempted`); the next pass does the rest.
public struct DriftCorrector: Sendable {
    private let service: ApplyService
    private let actor: String
    private let logger: Logger

    /// - Parameter actor: who drift events are recorded as.
    public init(applyService: ApplyService, actor: String = "system", logger: Logger = Logger(label: "switchyard.drift")) {
        self.service = applyService
        self.actor = actor
        self.logger = logger
    }

    /// One pass over every target the service can push to. Restorations are audited as `push`/`drift-corrected`
    /// (before: the live value, after: the restored one) or `push`/`drift-correction-failed`; throws only when
    /// the store cannot be read or written.
    public func correctOnce() async throws -> DriftReport {
        try await service.preemptiblePass { preemption in
            var report = DriftReport()
            do {
                for target in service.targets {
                    try await correct(target, into: &report, preemption: preemption)
                }
            } catch is PushPreempted {
                report.preempted = true
                logger.info("drift pass interrupted by a failover push")
                return report
            }
            if !report.corrections.isEmpty || !report.unreadable.isEmpty {
                logger.notice(
                    "drift pass",
                    metadata: [
                        "checked": "\(report.checked)", "corrected": "\(report.corrections.filter(\.restoredSuccessfully).count)",
                        "failed": "\(report.corrections.filter { !$0.restoredSuccessfully }.count)",
                        "unreadable": "\(report.unreadable.map(\.target.rawValue))",
                    ])
            }
            return report
        }
    }

    /// One convergence pass: an apply by `actor`, which sends only what is not yet in force (an apply that failed
    /// on a 503 or a 409, an unreachable target, a change never applied) and records nothing when all is.
    /// `GET /v1/diff` empty is the steady state this keeps returning to without a manual apply.
    public func convergeOnce(into report: inout DriftReport) async throws {
        let applied: ApplyReport
        do {
            applied = try await service.reconcile(context: ChangeContext(
                actor: actor, requestID: "reconcile-\(UUID().uuidString.lowercased())",
                reason: "the desired state is not all in force; applied again"))
        } catch is PushPreempted {
            report.preempted = true
            logger.info("reconcile pass interrupted by a failover push")
            return
        }
        for push in applied.pushes {
            report.reapplied += push.outcomes.filter(\.succeeded).map(\.key)
            report.reapplyFailures += push.outcomes.filter { !$0.succeeded }.map(\.key)
        }
        guard !applied.pushes.isEmpty else { return }
        logger.notice("reconcile pass", metadata: [
            "reapplied": "\(report.reapplied.count)", "failed": "\(report.reapplyFailures.count)",
        ])
    }

    private func correct(_ target: ApplierKind, into report: inout DriftReport, preemption: Preemption) async throws {
        guard let applier = service.applier(for: target) else { return }
        let records = try await service.lastAppliedRecords(target: target)
        guard !records.isEmpty else { return }
        // What the target knows to be in place (files unchanged since written) is neither read back nor parsed.
        let inPlace = await applier.knownInPlace(records.map { ($0.key, $0.document) })
        report.checked += inPlace.count
        let items = records.filter { !inPlace.contains($0.key) }.compactMap(service.item(fromStored:))
        guard !items.isEmpty else { return }
        let live: [String: JSONValue?]
        do {
            live = try await preemption.run { try await applier.readBack(items) }
        } catch let preempted as PushPreempted {
            throw preempted
        } catch {
            logger.warning("target not readable", metadata: ["target": "\(target.rawValue)", "error": "\(error)"])
            report.unreadable.append(.init(target: target, error: String(describing: error)))
            return
        }
        report.checked += items.count
        let drifted = items.filter { item in
            guard case .some(.some(let value)) = live[item.key] else { return true }
            return !value.isSemanticallyEqual(to: item.document)
        }
        guard !drifted.isEmpty else { return }
        // What differs, and who changed it: read before the restoration takes the fields back.
        var fieldsByKey: [String: [String]] = [:]
        var managers: [String: [String]] = [:]
        for item in drifted {
            let fields = Self.differingFields(key: item.key, live: live[item.key] ?? nil, applied: item.document)
            fieldsByKey[item.key] = fields
            guard !fields.isEmpty else { continue }
            managers[item.key] = try await preemption.run { await applier.otherFieldManagers(of: item, fields: fields) }
        }
        let pushed = try await service.fence.fenced { try await preemption.run { await applier.push(drifted) } }
        let outcomes = Dictionary(pushed.map { ($0.key, $0) }) { first, _ in first }
        for item in drifted {
            let liveValue = live[item.key] ?? nil
            let fields = fieldsByKey[item.key] ?? []
            let error: String? = if let outcome = outcomes[item.key] { outcome.error } else { "no outcome reported" }
            let by = managers[item.key] ?? []
            report.corrections.append(DriftCorrection(
                target: target, key: item.key, live: liveValue, restored: item.document, fields: fields, error: error,
                fieldManagers: by))
            service.metrics.driftCorrected(target: target, restored: error == nil)
            let changedBy = by.isEmpty ? "" : " by field manager \(by.joined(separator: ", "))"
            let what = liveValue == nil ? "\(item.key) was missing" : "\(item.key) drifted (\(fields.joined(separator: ", ")))\(changedBy)"
            try await service.audit(try AuditEntry(
                actor: actor, action: error == nil ? .driftCorrected : .driftCorrectionFailed, kind: .push,
                name: target.rawValue, before: liveValue, after: item.document,
                reason: error.map { "\(what); restoring it failed: \($0)" } ?? "\(what); restored the last-applied value"))
        }
    }

    /// The paths where the live value differs from the applied one, as `ManifestDiff` names them.
    static func differingFields(key: String, live: JSONValue?, applied: JSONValue) -> [String] {
        guard let live,
              let diff = try? ManifestDiff(
                lastAppliedDocuments: [TargetDiff.comparable(key: key, document: live)],
                desiredDocuments: [TargetDiff.comparable(key: key, document: applied)])
        else { return [] }
        return diff.changes.flatMap { $0.fields.map(\.path) }
    }
}
