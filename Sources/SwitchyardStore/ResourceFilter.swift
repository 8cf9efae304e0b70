/// Narrows a listing of units to one model or one pool; other kinds ignore it.
public struct ResourceFilter: Sendable {
    public var model: String?
    public var pool: String?

    public init(model: String? = nil, pool: String? = nil) {
        self.model = model
        self.pool = pool
    }
}
