import SwitchyardCore

/// What one poll of the demand sources did: the samples stored, and what failed (tried again next poll).
public struct DemandPollReport: Sendable, Equatable {
    /// A source that could not be read for a model, or a sample the store refused.
    public struct Failure: Sendable, Equatable {
        public var model: String
        public var source: String
        public var message: String

        public init(model: String, source: String, message: String) {
            self.model = model
            self.source = source
            self.message = message
        }
    }

    /// The samples stored, as stored.
    public var stored: [DemandSample] = []
    /// (model, source) pairs that had nothing to report.
    public var empty: Int = 0
    public var failures: [Failure] = []

    public init(stored: [DemandSample] = [], empty: Int = 0, failures: [Failure] = []) {
        self.stored = stored
        self.empty = empty
        self.failures = failures
    }
}
