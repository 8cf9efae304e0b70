import SwitchyardAdapters

/// How a push sends its requests: straight, interruptible by a failover push, or within a deadline.
enum PushMode: Sendable {
    case direct
    /// Ends with ``PushPreempted`` as soon as a failover push preempts the holder.
    case preemptible(Preemption)
    /// Items without an answer by the deadline fail (and are sent again by the next push).
    case deadline(ContinuousClock.Instant)

    /// The error of an item without an answer by the deadline.
    static let deadlineMissed = "no answer within the failover push deadline"

    func push(_ items: [PushItem], through applier: any Applier) async throws -> [PushOutcome] {
        switch self {
        case .direct:
            return await applier.push(items)
        case .preemptible(let preemption):
            return try await preemption.run { await applier.push(items) }
        case .deadline where applier.kind == .files:
            // Files are written locally: no request there can hang, so a deadline would only cut writes short.
            return await applier.push(items)
        case .deadline(let end):
            let remaining = end - .now
            if remaining > .zero, let outcomes = try await EarlyReturn.run({ await applier.push(items) }, timeout: remaining) {
                return outcomes
            }
            return items.map { PushOutcome(key: $0.key, error: Self.deadlineMissed) }
        }
    }
}
