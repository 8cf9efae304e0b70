import Foundation
import GRDB
import SwitchyardCore

extension AppDatabase {
    /// Applies a whole fleet document all-or-nothing in one transaction.
    ///
    /// The document is validated first and every violation is reported at once (`units[2].pool`);
    /// references may point into the document or at stored resources. Resources are then put in
    /// dependency order (models, instance types, pools, units), each change with its own audit event,
    /// followed by one `fleet`/`import` event whose `after` is the report. Benchmark runs are added
    /// only when no run with the same unit, samples, time and note is stored. An import that changes
    /// nothing records no event. A dry run does the same work in a transaction that is rolled back.
    public func importFleet(_ fleet: Fleet, dryRun: Bool, context: ChangeContext) async throws -> ImportReport {
        let documentViolations = FleetValidator.violations(of: fleet)
        let apply: @Sendable (Database) throws -> ImportReport = { db in
            let known = FleetValidator.KnownNames(
                models: try ServedModel.allNames(in: db), instanceTypes: try InstanceType.allNames(in: db),
                pools: try CapacityPool.allNames(in: db), units: try DeploymentUnit.allNames(in: db))
            let violations = documentViolations + FleetValidator.unresolvedReferences(in: fleet, known: known)
            guard violations.isEmpty else { throw StoreError.invalid(violations) }
            return try Self.apply(fleet, dryRun: dryRun, context: context, at: self.now(), in: db)
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

    /// The fleet as a document: resources by name, runs by unit then id, run ids omitted.
    /// Importing it into an empty database and exporting again gives the same document.
    public func exportFleet() async throws -> Fleet {
        var fleet = try await fleetSnapshot()
        fleet.benchmarks = fleet.benchmarks.map(\.withoutID)
        return fleet
    }

    /// The fleet with benchmark run ids, read in one transaction so the planner sees one consistent state.
    public func fleetSnapshot() async throws -> Fleet {
        try await fleetIndex().fleet
    }

    /// The committed fleet with its lookups (units by model, runs by unit), held in memory until a change commits.
    public func fleetIndex() async throws -> FleetIndex {
        try await committedFleet().index
    }

    public var fleetGeneration: Int { fleetCache.generation }

    /// The committed fleet, read in one transaction and held in memory until a commit changes a fleet table.
    package func committedFleet() async throws -> CommittedFleet {
        // One key: the whole fleet. The load always finds one, so the result is never nil.
        let loaded = try await fleetCache.value(for: 0) {
            try await read { db in
                CommittedFleet(
                    models: try ServedModel.fetchAllStored(in: db), instanceTypes: try InstanceType.fetchAllStored(in: db),
                    pools: try CapacityPool.fetchAllStored(in: db), units: try DeploymentUnit.fetchAllStored(in: db),
                    benchmarks: try BenchmarkRunTable.allRuns(in: db))
            }
        }
        return loaded!
    }

    private static func apply(
        _ fleet: Fleet, dryRun: Bool, context: ChangeContext, at time: (text: String, date: Date), in db: Database
    ) throws -> ImportReport {
        var report = ImportReport(dryRun: dryRun)
        func put<T: FleetResource>(_ values: [T]) throws {
            for value in values {
                let reference = ResourceRef(kind: T.kind, name: value.name)
                switch try putValue(value, ifMatch: nil, context: context, at: time, in: db).outcome {
                case .created: report.created.append(reference)
                case .updated: report.updated.append(reference)
                case .unchanged: report.unchanged.append(reference)
                }
            }
        }
        try put(fleet.models)
        try put(fleet.instanceTypes)
        try put(fleet.pools)
        try put(fleet.units)
        for run in fleet.benchmarks {
            let content = run.withoutID
            let stored = try BenchmarkRunTable.runs(unit: run.unit, in: db).map(\.withoutID)
            guard !stored.contains(content) else { continue }
            _ = try insertRun(content, context: context, at: time, in: db)
            report.benchmarkRunsAdded += 1
        }
        if !report.created.isEmpty || !report.updated.isEmpty || report.benchmarkRunsAdded > 0 {
            try AuditLog.appendChange(
                action: .import, kind: .fleet, name: "fleet", before: ImportReport?.none, after: report,
                context: context, at: time, in: db)
        }
        return report
    }
}
