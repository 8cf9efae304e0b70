/// Names a resource of some kind.
public struct ResourceRef: Codable, Sendable, Equatable, Hashable {
    public var kind: ResourceKind
    public var name: String

    public init(kind: ResourceKind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// What an import did (or, in a dry run, would do), in the order resources were applied.
public struct ImportReport: Codable, Sendable, Equatable {
    public var dryRun: Bool
    public var created: [ResourceRef]
    public var updated: [ResourceRef]
    public var unchanged: [ResourceRef]
    /// Benchmark runs not already stored with the same unit, samples, time and note.
    public var benchmarkRunsAdded: Int

    public init(
        dryRun: Bool, created: [ResourceRef] = [], updated: [ResourceRef] = [], unchanged: [ResourceRef] = [],
        benchmarkRunsAdded: Int = 0
    ) {
        self.dryRun = dryRun
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.benchmarkRunsAdded = benchmarkRunsAdded
    }
}
