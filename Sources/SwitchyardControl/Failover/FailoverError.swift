/// Why the failover controller refused a request. The HTTP edge maps each case to one status.
public enum FailoverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No model of that name is registered (404).
    case unknownModel(String)
    /// No capacity pool of that name is registered (422, field `pool`).
    case unknownPool(String)

    public var description: String {
        switch self {
        case .unknownModel(let name): "no model named \(name)"
        case .unknownPool(let name): "no capacity pool named \(name)"
        }
    }
}
