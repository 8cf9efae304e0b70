internal import OpenAPIRuntime
import SwitchyardControl
import SwitchyardCore

// Diffs and apply reports as the API shows them, field by field; the objects and field values they carry are
// free-form JSON.

extension Components.Schemas.ApplyDiff {
    /// `fullObjects`: added and removed objects carry their whole document, as `?full=true` asks.
    init(_ diff: SwitchyardControl.ApplyDiff, fullObjects: Bool) throws {
        self.init(
            targets: try diff.targets.map {
                .init(
                    target: try SchemaEnum.convert($0.target),
                    diff: .init(changes: try $0.diff.changes.map { try .init($0, fullObjects: fullObjects) }))
            },
            warnings: diff.warnings.map { .init(kind: .init($0.kind), subject: $0.subject, message: $0.message) })
    }
}

extension Components.Schemas.ObjectChange {
    init(_ change: SwitchyardCore.ObjectChange, fullObjects: Bool) throws {
        self.init(
            identity: .init(
                apiVersion: change.identity.apiVersion, kind: change.identity.kind, namespace: change.identity.namespace,
                name: change.identity.name),
            action: .init(change.action),
            fields: try change.fields.map {
                .init(
                    path: $0.path, old: try $0.old.map { try OpenAPIValueContainer(unvalidatedValue: $0.openAPIValue) },
                    new: try $0.new.map { try OpenAPIValueContainer(unvalidatedValue: $0.openAPIValue) })
            },
            before: fullObjects ? try change.before.map { .init(additionalProperties: try $0.openAPIObject()) } : nil,
            after: fullObjects ? try change.after.map { .init(additionalProperties: try $0.openAPIObject()) } : nil)
    }
}

extension Components.Schemas.ObjectChange.ActionPayload {
    init(_ action: SwitchyardCore.ObjectChange.Action) {
        switch action {
        case .added: self = .added
        case .removed: self = .removed
        case .changed: self = .changed
        }
    }
}

extension Components.Schemas.RenderWarning.KindPayload {
    init(_ kind: SwitchyardCore.RenderWarning.Kind) {
        switch kind {
        case .unratedUnit: self = .unratedUnit
        case .disabledUnit: self = .disabledUnit
        case .unknownInstanceType: self = .unknownInstanceType
        case .unknownPool: self = .unknownPool
        case .missingPlan: self = .missingPlan
        case .unknownPlanUnit: self = .unknownPlanUnit
        case .targetGroupLimit: self = .targetGroupLimit
        case .mixedNamespaces: self = .mixedNamespaces
        case .missingTargetGroupARN: self = .missingTargetGroupARN
        case .unpricedPool: self = .unpricedPool
        case .nodeClassConflict: self = .nodeClassConflict
        case .missingGateway: self = .missingGateway
        case .unmanagedReservation: self = .unmanagedReservation
        case .unpinnedCapacityKinds: self = .unpinnedCapacityKinds
        }
    }
}

extension Components.Schemas.ApplyReport {
    init(_ report: SwitchyardControl.ApplyReport, fullObjects: Bool) throws {
        self.init(
            dryRun: report.dryRun, diff: try .init(report.diff, fullObjects: fullObjects),
            pushes: try report.pushes.map {
                .init(
                    target: try SchemaEnum.convert($0.target),
                    outcomes: $0.outcomes.map { .init(key: $0.key, error: $0.error) }, released: $0.released)
            },
            succeeded: report.succeeded, failures: report.failures.map { .init(key: $0.key, error: $0.error) })
    }
}
