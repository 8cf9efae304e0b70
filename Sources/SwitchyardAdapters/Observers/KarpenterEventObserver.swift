import Foundation
import Logging
import SwitchyardCore

/// Watches core/v1 Events for Karpenter's `InsufficientCapacityError` on NodeClaims and reports the NodeClaim's
/// pool short. The pool is the NodeClaim's `karpenter.sh/nodepool` label; when the NodeClaim is already gone
/// (Karpenter deletes claims it could not launch), the event message's `nodepool` mention, else the NodeClaim's
/// generated name (`<nodepool>-<suffix>`) matched against the known pools.
///
/// Events only ever say "short", so a pool with no new such event for `quietPeriod` is reported recovered
/// (Karpenter itself retries an unavailable offering after its 3-minute cache expires).
public struct KarpenterEventObserver: CapacityObserver {
    public static let reason = "InsufficientCapacityError"

    let kubernetes: any KubernetesAPI
    let namespace: String?
    let knownPools: Set<String>
    let quietPeriod: Duration
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger

    public var name: String { "karpenter-events" }

    /// - Parameters:
    ///   - namespace: where to watch Events; nil watches every namespace (NodeClaim events land in `default`).
    ///   - knownPools: pool names for reading a pool from a NodeClaim's name when the NodeClaim is gone.
    ///   - quietPeriod: how long without a new event before the pool is reported recovered.
    public init(
        kubernetes: any KubernetesAPI, namespace: String? = nil, knownPools: Set<String> = [],
        quietPeriod: Duration = .seconds(180), clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "switchyard.observer.karpenter")
    ) {
        self.kubernetes = kubernetes
        self.namespace = namespace
        self.knownPools = knownPools
        self.quietPeriod = quietPeriod
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    public func signals() -> AsyncStream<CapacitySignal> {
        let (stream, continuation) = AsyncStream.makeStream(of: CapacitySignal.self)
        let task = Task {
            let quiet = QuietTimers()
            await watchEvents(into: continuation, timers: quiet)
            await quiet.cancelAll()
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func watchEvents(into continuation: AsyncStream<CapacitySignal>.Continuation, timers: QuietTimers) async {
        let events = ResourcePath(group: "", version: "v1", resource: "events", namespace: namespace)
        // Start after the events that exist now: old shortages are not news.
        var startVersion: String?
        do {
            startVersion = try await kubernetes.list(events).resourceVersion
        } catch {
            logger.warning("listing events failed; watching from now", metadata: ["error": "\(error)"])
        }
        do {
            for try await event in kubernetes.watch(events, from: startVersion) {
                let object: JSONValue
                switch event {
                case .added(let value), .modified(let value): object = value
                case .deleted, .bookmark, .relisted: continue
                }
                guard object["reason"]?.stringValue == Self.reason,
                      object["involvedObject"]?["kind"]?.stringValue == "NodeClaim",
                      let claim = object["involvedObject"]?["name"]?.stringValue
                else { continue }
                let message = object["message"]?.stringValue ?? ""
                guard let pool = await pool(ofNodeClaim: claim, message: message) else {
                    logger.warning("no pool for NodeClaim", metadata: ["nodeclaim": "\(claim)", "message": "\(message)"])
                    continue
                }
                let observedAt = now()
                continuation.yield(CapacitySignal(
                    pool: pool, condition: .short, source: .karpenterEvent, reason: Self.reason, observedAt: observedAt,
                    evidence: "NodeClaim \(claim): \(message)"))
                await timers.restart(pool: pool) {
                    do {
                        try await clock.sleep(for: quietPeriod)
                    } catch {
                        return
                    }
                    continuation.yield(CapacitySignal(
                        pool: pool, condition: .recovered, source: .karpenterEvent, reason: "NoInsufficientCapacityEvents",
                        observedAt: now(),
                        evidence: "no \(Self.reason) event for pool \(pool) since \(observedAt.formatted(.iso8601))"))
                }
            }
        } catch {
            logger.error("event watch ended", metadata: ["error": "\(error)"])
        }
    }

    /// The pool of a NodeClaim: its label, else the message, else its generated name.
    public func pool(ofNodeClaim claim: String, message: String) async -> String? {
        let path = ResourcePath(group: "karpenter.sh", version: "v1", resource: "nodeclaims", name: claim)
        if let object = try? await kubernetes.get(path),
           let label = object["metadata"]?["labels"]?[RenderLabels.nodePool]?.stringValue {
            return label
        }
        return Self.pool(inMessage: message) ?? Self.pool(ofGeneratedName: claim, knownPools: knownPools)
    }

    /// A `nodepool` mention in a message: `nodepool "x"`, `nodepool=x`, `nodepool: x`, `NodePool/x`.
    static func pool(inMessage message: String) -> String? {
        let pattern = /nodepool[\s"=:\/]+"?([a-z0-9]([-a-z0-9.]*[a-z0-9])?)/.ignoresCase()
        guard let match = message.firstMatch(of: pattern) else { return nil }
        return String(match.output.1)
    }

    /// The longest known pool `p` such that the name is `p-<suffix>`.
    static func pool(ofGeneratedName name: String, knownPools: Set<String>) -> String? {
        knownPools.filter { name.hasPrefix($0 + "-") }.max { $0.count < $1.count }
    }
}

/// One pending "recovered" report per pool; a new shortage restarts it.
actor QuietTimers {
    private var timers: [String: Task<Void, Never>] = [:]

    func restart(pool: String, _ body: @escaping @Sendable () async -> Void) {
        timers[pool]?.cancel()
        timers[pool] = Task { await body() }
    }

    func cancelAll() {
        for timer in timers.values { timer.cancel() }
        timers.removeAll()
    }
}
