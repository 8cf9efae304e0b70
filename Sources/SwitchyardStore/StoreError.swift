import SwitchyardCore

/// Why the store refused an operation. Each case maps to one HTTP status at the API edge.
public enum StoreError: Error, Sendable, Equatable {
    /// Nothing of that kind has that name (404).
    case notFound(kind: ResourceKind, name: String)
    /// If-Match did not match the current entity tag, or named a resource that does not exist (412).
    case preconditionFailed(kind: ResourceKind, name: String, currentETag: String?)
    /// The resource cannot be deleted while these still refer to it (409).
    case referenced(kind: ResourceKind, name: String, by: [ResourceRef])
    /// The value breaks the domain's rules or names something that does not exist (422).
    case invalid([FieldViolation])
    /// The change collides with existing state, e.g. a token name already taken (409).
    case conflict(String)
}
