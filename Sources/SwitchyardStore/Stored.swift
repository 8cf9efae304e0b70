import Foundation

/// A value as the store holds it, with its entity tag and timestamps.
public struct Stored<Value: Sendable>: Sendable {
    public var value: Value
    /// A strong entity tag derived from the content, quotes included (`"0123456789abcdef"`).
    public var etag: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(value: Value, etag: String, createdAt: Date, updatedAt: Date) {
        self.value = value
        self.etag = etag
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Stored: Equatable where Value: Equatable {}
