/// A domain value the API's schema has no place for: a programming error, answered as 500.
struct SchemaMismatch: Error, Sendable {
    var detail: String
}
