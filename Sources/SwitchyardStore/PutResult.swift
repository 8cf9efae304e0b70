/// What a put did.
public enum WriteOutcome: String, Sendable {
    case created, updated, unchanged
}

/// The stored value after a put, and whether the put created, changed or left it.
public struct PutResult<Value: Sendable>: Sendable {
    public var stored: Stored<Value>
    public var outcome: WriteOutcome

    public init(stored: Stored<Value>, outcome: WriteOutcome) {
        self.stored = stored
        self.outcome = outcome
    }
}
