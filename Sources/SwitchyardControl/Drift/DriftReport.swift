import SwitchyardCore

/// What one drift-correction pass found and did.
public struct DriftReport: Sendable, Equatable, Codable {
    /// Last-applied items read back, across targets.
    public var checked: Int
    /// Items whose live state differed from the last applied, each with what was done about it.
    public var corrections: [DriftCorrection]
    /// Targets that could not be read back, with the error; their items were not checked.
    public var unreadable: [UnreadableTarget]
    /// Items of the desired state not yet in force (an apply that failed, a change never applied) that the
    /// pass applied again, and those that still failed.
    public var reapplied: [String]
    public var reapplyFailures: [String]
    /// A failover push interrupted the pass; what it did not get to waits for the next.
    public var preempted = false

    public init(
        checked: Int = 0, corrections: [DriftCorrection] = [], unreadable: [UnreadableTarget] = [],
        reapplied: [String] = [], reapplyFailures: [String] = []
    ) {
        self.checked = checked
        self.corrections = corrections
        self.unreadable = unreadable
        self.reapplied = reapplied
        self.reapplyFailures = reapplyFailures
    }

    public struct UnreadableTarget: Sendable, Equatable, Codable {
        public var target: ApplierKind
        public var error: String
    }
}

/// One drifted item: its live value, the value restored, and whether restoring it worked.
public struct DriftCorrection: Sendable, Equatable, Codable {
    public var target: ApplierKind
    public var key: String
    /// The live value, projected onto the fields Switchyard sets; nil when the item was missing.
    public var live: JSONValue?
    /// The last-applied value pushed again.
    public var restored: JSONValue
    /// The differing field paths, e.g. `spec.TargetGroups[0].Weight`; empty when the item was missing.
    public var fields: [String]
    /// Why re-applying failed; nil when the item was restored.
    public var error: String?
    /// The other field managers that held the differing fields (from Kubernetes' `managedFields`), taken back by
    /// the forced apply; empty where the target does not record them.
    public var fieldManagers: [String] = []

    public var restoredSuccessfully: Bool { error == nil }
}
