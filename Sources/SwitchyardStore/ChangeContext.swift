/// Who is making a change and why, recorded in the change's audit event.
public struct ChangeContext: Sendable {
    /// The token name (or `system`, for changes made by Switchyard itself).
    public var actor: String
    public var requestID: String
    /// The operator's stated reason, when given.
    public var reason: String?

    public init(actor: String, requestID: String, reason: String? = nil) {
        self.actor = actor
        self.requestID = requestID
        self.reason = reason
    }
}
