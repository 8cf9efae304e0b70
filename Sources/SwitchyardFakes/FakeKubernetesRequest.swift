/// A request the fake API server received, for tests to assert on.
public struct FakeKubernetesRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    /// Query parameters, decoded; a repeated parameter keeps its last value.
    public var query: [String: String]
    public var contentType: String?
    /// The `Authorization` header as received, so tests can check which credentials were sent.
    public var authorization: String?
    public var body: String

    public init(method: String, path: String, query: [String: String], contentType: String?, authorization: String?, body: String) {
        self.method = method
        self.path = path
        self.query = query
        self.contentType = contentType
        self.authorization = authorization
        self.body = body
    }
}

/// A failure the fake answers instead of handling the request: a status code, and a Retry-After header if set.
public struct FakeKubernetesFault: Sendable, Hashable {
    public var status: Int
    public var retryAfterSeconds: Int?

    public init(status: Int, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// The requests received and the faults queued, shared by the server's request handlers.
actor FakeKubernetesRequestLog {
    private(set) var requests: [FakeKubernetesRequest] = []
    private var faults: [FakeKubernetesFault] = []
    private var delays: [(method: String?, delay: Duration?)] = []
    private var hung: [CheckedContinuation<Void, Never>] = []
    private var released = false

    func record(_ request: FakeKubernetesRequest) {
        requests.append(request)
    }

    func enqueue(_ fault: FakeKubernetesFault, count: Int) {
        faults.append(contentsOf: Array(repeating: fault, count: count))
    }

    func clearFaults() {
        faults.removeAll()
    }

    func nextFault() -> FakeKubernetesFault? {
        faults.isEmpty ? nil : faults.removeFirst()
    }

    /// - Parameter delay: nil holds the requests until ``releaseHung()``.
    func enqueue(delay: Duration?, method: String?, count: Int) {
        released = false
        delays.append(contentsOf: Array(repeating: (method, delay), count: count))
    }

    /// Waits as the delay queued first for a request of `method` says (removing it); watches are never delayed.
    func delay(method: String, isWatch: Bool) async throws {
        guard !isWatch, let index = delays.firstIndex(where: { $0.method == nil || $0.method == method }) else { return }
        if let duration = delays.remove(at: index).delay {
            try await Task.sleep(for: duration)
        } else if !released {
            await withCheckedContinuation { hung.append($0) }
        }
    }

    /// Lets every held request go on, and those held later too until the next ``enqueue(delay:method:count:)``.
    func releaseHung() {
        released = true
        for continuation in hung { continuation.resume() }
        hung.removeAll()
    }

    func clear() {
        requests.removeAll()
    }
}
