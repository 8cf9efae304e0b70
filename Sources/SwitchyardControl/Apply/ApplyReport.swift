import SwitchyardAdapters
import SwitchyardCore

/// The result of an apply: the diff it acted on and, unless it was a dry run, what each target made of it.
public struct ApplyReport: Sendable, Equatable, Codable {
    public var dryRun: Bool
    public var diff: ApplyDiff
    /// One entry per target that was sent something or had objects released; empty for a dry run and
    /// when nothing changed.
    public var pushes: [TargetPush]

    public init(dryRun: Bool, diff: ApplyDiff, pushes: [TargetPush]) {
        self.dryRun = dryRun
        self.diff = diff
        self.pushes = pushes
    }

    /// True when every push succeeded (vacuously for a dry run or an apply with nothing to send).
    public var succeeded: Bool { pushes.allSatisfy(\.succeeded) }

    /// Every failed push, across targets.
    public var failures: [PushOutcome] { pushes.flatMap { $0.outcomes.filter { !$0.succeeded } } }

    private enum CodingKeys: String, CodingKey {
        case dryRun, diff, pushes
        // Written for readers of the JSON (scripts check one flag); derived again when decoding.
        case succeeded, failures
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            dryRun: try container.decode(Bool.self, forKey: .dryRun),
            diff: try container.decode(ApplyDiff.self, forKey: .diff),
            pushes: try container.decode([TargetPush].self, forKey: .pushes))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(diff, forKey: .diff)
        try container.encode(pushes, forKey: .pushes)
        try container.encode(succeeded, forKey: .succeeded)
        try container.encode(failures, forKey: .failures)
    }
}

/// What one target was sent and how each item fared.
public struct TargetPush: Sendable, Equatable, Codable {
    public var target: ApplierKind
    /// One outcome per item sent (added or changed), in the order sent.
    public var outcomes: [PushOutcome]
    /// Last-applied items no longer desired: forgotten, so drift correction leaves them alone, but not
    /// deleted from the target, since deleting a Deployment or NodePool takes capacity away and is a
    /// decision for a person.
    public var released: [String]

    public init(target: ApplierKind, outcomes: [PushOutcome], released: [String] = []) {
        self.target = target
        self.outcomes = outcomes
        self.released = released
    }

    public var succeeded: Bool { outcomes.allSatisfy(\.succeeded) }
}
