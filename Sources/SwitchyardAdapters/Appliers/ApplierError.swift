/// Failures of an applier that are not the target's own errors.
public enum ApplierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The item cannot be pushed by this applier: wrong kind of object, unreadable document, bad key.
    case unsupportedItem(key: String, reason: String)
    /// A file could not be written or read.
    case file(path: String, reason: String)

    public var description: String {
        switch self {
        case .unsupportedItem(let key, let reason): "\(key): \(reason)"
        case .file(let path, let reason): "\(path): \(reason)"
        }
    }
}
