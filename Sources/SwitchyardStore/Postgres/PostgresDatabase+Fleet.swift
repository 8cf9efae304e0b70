import Foundation
import GRDB
import SwitchyardCore

/// The fleet document on PostgreSQL, with ``AppDatabase``'s rules (see ``AppDatabase/importFleet(_:dryRun:context:)``).
extension PostgresDatabase: FleetDocumentStore {
    public func importFleet(_ fleet: Fleet, dryRun: Bool, context: ChangeContext) async throws -> ImportReport {
        let documentViolations = FleetValidator.violations(of: fleet)
        let time = now()
        let apply: (PostgresSession) async throws -> ImportReport = { session in
            let known = FleetValidator.KnownNames(
                models: try await ServedModel.allNames(on: session),
                instanceTypes: try await InstanceType.allNames(on: session),
                pools: try await CapacityPool.allNames(on: session), units: try await DeploymentUnit.allNames(on: session))
            let violations = documentViolations + FleetValidator.unresolvedReferences(in: fleet, known: known)
            guard violations.isEmpty else { throw StoreError.invalid(violations) }
            return try await Self.apply(fleet, dryRun: dryRun, context: context, at: time, on: session)
        }
        let report = dryRun ? try await rehearse(apply) : try await write(apply)
        logger.info(
            "fleet imported",
            metadata: [
                "dryRun": "\(dryRun)", "created": "\(report.created.count)", "updated": "\(report.updated.count)",
                "unchanged": "\(report.unchanged.count)", "benchmarkRunsAdded": "\(report.benchmarkRunsAdded)",
                "requestID": "\(context.requestID)",
            ])
        return report
    }

    public func exportFleet() async throws -> Fleet {
        var fleet = try await fleetSnapshot()
        fleet.benchmarks = fleet.benchmarks.map(\.withoutID)
        return fleet
    }

    public func fleetSnapshot() async throws -> Fleet {
        try await fleetIndex().fleet
    }

    public func fleetIndex() async throws -> FleetIndex {
        try await committedFleet().index
    }

    public var fleetGeneration: Int { fleetCache.generation }

    /// The committed fleet, read in one transaction and held in memory until a commit by any replica changes a
    /// fleet table.
    package func committedFleet() async throws -> CommittedFleet {
        // One key: the whole fleet. The load always finds one, so the result is never nil.
        let loaded = try await fleetCache.value(for: 0) {
            try await read { session in
                CommittedFleet(
                    models: try await ServedModel.fetchAllStored(on: session),
                    instanceTypes: try await InstanceType.fetchAllStored(on: session),
                    pools: try await CapacityPool.fetchAllStored(on: session),
                    units: try await DeploymentUnit.fetchAllStored(on: session),
                    benchmarks: try await PostgresBenchmarkRunTable.allRuns(on: session))
            }
        }
        return loaded!
    }

    private static func apply(
        _ fleet: Fleet, dryRun: Bool, context: ChangeContext, at time: (text: String, date: Date),
        on session: PostgresSession
    ) async throws -> ImportReport {
        var report = ImportReport(dryRun: dryRun)
        func put<T: FleetResource>(_ values: [T]) async throws {
            for value in values {
                let reference = ResourceRef(kind: T.kind, name: value.name)
                switch try await putValue(value, ifMatch: nil, context: context, at: time, on: session).outcome {
                case .created: report.created.append(reference)
                case .updated: report.updated.append(reference)
                case .unchanged: report.unchanged.append(reference)
                }
            }
        }
        try await put(fleet.models)
        try await put(fleet.instanceTypes)
        try await put(fleet.pools)
        try await put(fleet.units)
        for run in fleet.benchmarks {
            let content = run.withoutID
            let stored = try await PostgresBenchmarkRunTable.runs(unit: run.unit, on: session).map(\.withoutID)
            guard !stored.contains(content) else { continue }
            _ = try await insertRun(content, context: context, at: time, on: session)
            report.benchmarkRunsAdded += 1
        }
        if !report.created.isEmpty || !report.updated.isEmpty || report.benchmarkRunsAdded > 0 {
            try await PostgresAuditLog.appendChange(
                action: .import, kind: .fleet, name: "fleet", before: ImportReport?.none, after: report,
                context: context, at: time, on: session)
        }
        return report
    }
}
