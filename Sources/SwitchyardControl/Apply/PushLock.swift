/// Lets one push sequence run at a time. An actor alone does not serialise work that suspends (actor
/// methods interleave at every `await`), so callers queue here and are resumed one by one, in arrival order.
actor PushLock {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` once every earlier caller has finished.
    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the lock straight to the next waiter, so no newcomer can slip in between.
    private func release() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
