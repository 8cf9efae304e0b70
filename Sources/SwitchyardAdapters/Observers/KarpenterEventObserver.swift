import Foundation
import Logging
import SwitchyardCore

/// Watches core/v1 Events for Karpenter's `InsufficientCapacityError` on NodeClaims and reports the NodeClaim's
/// pool short. The pool is the NodeClaim's `karpenter.sh/nodepool` label; when the NodeClaim is already gone
/// (Karpenter deletes claims it could not launch), the event message's `nodepool` mention, else the NodeClaim's
/// generated name (`<nodepool>-<suffix>`) matched against the known pools.
///
/// Karpenter's interruption events (a spot reclaim or rebalance warning, EC2 stopping or terminating the instance)
/// on a NodeClaim or a Node are reported as a ``NodeWarning`` naming the units with pods on the node, so that only
/// the node's share of traffic moves, at the warning, before the node is gone. A burst (`burstCount` interruption
/// events in one pool within `burstWindow`), or a node whose units cannot be read, reports the pool short instead.
/// Their pool is the object's `switchyard.dev/pool` label (a pool rendered as one NodePool per capacity kind), else
/// its `karpenter.sh/nodepool` label mapped back to the pool, else the NodeClaim's generated name.
///
/// Events only ever say "short", so a pool with no new such event for `quietPeriod` is reported recovered
/// (Karpenter itself retries an unavailable offering after its 3-minute cache expires).
public struct KarpenterEventObserver: CapacityObserver {
    public static let reason = "InsufficientCapacityError"
    /// The interruption events Karpenter records on NodeClaims and Nodes.
    public static let interruptionReasons: Set<String> = [
        "SpotInterrupted", "SpotRebalanceRecommendation", "InstanceTerminating", "InstanceStopping",
    ]

    let kubernetes: any KubernetesAPI
    let namespace: String?
    let knownPools: Set<String>
    /// When set, the known pools are those of the fleet as it is when an event needs them, not `knownPools`.
    private(set) var fleet: (any FleetView)?
    let quietPeriod: Duration
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger
    let state = KarpenterObserverState()
    /// Interruption events in one pool within `burstWindow` that make the pool short.
    public var burstCount = 3
    public var burstWindow: TimeInterval = 600

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

    /// Reads its known pools from `fleet` as it is when an event needs them.
    public init(
        kubernetes: any KubernetesAPI, namespace: String? = nil, fleet: any FleetView,
        quietPeriod: Duration = .seconds(180), clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "switchyard.observer.karpenter")
    ) {
        self.init(kubernetes: kubernetes, namespace: namespace, quietPeriod: quietPeriod, clock: clock, now: now, logger: logger)
        self.fleet = fleet
    }

    /// Lists Events (reporting `up`), then watches from the list's version until the watch gives up (reporting
    /// `down` and ending). Started again after an outage, it relists and reports the shortages recorded while it
    /// was away; quiet periods running when a stream ended go on and report into the next stream.
    public func events() -> AsyncStream<ObserverEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ObserverEvent.self)
        let task = Task {
            await state.attach(continuation)
            await watchEvents(into: continuation)
            await state.detach(at: now())
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func watchEvents(into continuation: AsyncStream<ObserverEvent>.Continuation) async {
        let events = ResourcePath(group: "", version: "v1", resource: "events", namespace: namespace)
        let list: KubernetesObjectList
        do {
            list = try await kubernetes.list(events)
        } catch {
            logger.warning("listing events failed", metadata: ["error": "\(error)"])
            continuation.yield(.down("listing events failed: \(error)"))
            return
        }
        continuation.yield(.up)
        // Old shortages are not news, except those recorded while a previous stream was down.
        if let lostAt = await state.lostAt {
            for object in list.items where Self.lastSeen(object).map({ $0 >= lostAt.addingTimeInterval(-1) }) ?? false {
                await handle(object)
            }
            await state.caughtUp()
        }
        do {
            for try await event in kubernetes.watch(events, from: list.resourceVersion) {
                switch event {
                case .added(let object), .modified(let object): await handle(object)
                case .deleted, .bookmark, .relisted: continue
                }
            }
            continuation.yield(.down("the event watch ended"))
        } catch is CancellationError {
            return
        } catch {
            logger.error("event watch ended", metadata: ["error": "\(error)"])
            continuation.yield(.down("the event watch ended: \(error)"))
        }
    }

    /// Reports the pool of an `InsufficientCapacityError` event on a NodeClaim, or of an interruption event on a
    /// NodeClaim or Node, short and (re)starts its quiet period.
    private func handle(_ object: JSONValue) async {
        guard let reason = object["reason"]?.stringValue,
              let kind = object["involvedObject"]?["kind"]?.stringValue,
              let name = object["involvedObject"]?["name"]?.stringValue
        else { return }
        let message = object["message"]?.stringValue ?? ""
        let pool: String?
        let interruption = Self.interruptionReasons.contains(reason) && (kind == "NodeClaim" || kind == "Node")
        if reason == Self.reason, kind == "NodeClaim" {
            pool = await self.pool(ofNodeClaim: name, message: message)
        } else if interruption {
            pool = await self.pool(ofInterrupted: kind, name: name, message: message)
        } else {
            return
        }
        guard let pool else {
            logger.warning("no pool for \(kind)", metadata: ["name": "\(name)", "reason": "\(reason)", "message": "\(message)"])
            return
        }
        let observedAt = now()
        var shortReason = reason
        var evidence = "\(kind) \(name): \(message)"
        if interruption {
            let recent = await state.interruption(in: pool, at: observedAt, window: burstWindow)
            let fleet = try? await fleet?.currentFleet()
            let warning = await NodeWarningResolver(kubernetes: kubernetes).warning(
                kind: kind, name: name, pool: pool, reason: reason, message: message, observedAt: observedAt, fleet: fleet)
            if let warning { await state.yield(.warning(warning)) }
            if recent < burstCount {
                if warning != nil { return }
            } else {
                shortReason = "SpotInterruptionBurst"
                evidence = "\(recent) interruption events in pool \(pool) within "
                    + "\(Int(burstWindow)) s, the latest \(reason) on \(evidence)"
            }
        }
        await state.yield(CapacitySignal(
            pool: pool, condition: .short, source: .karpenterEvent, reason: shortReason, observedAt: observedAt,
            evidence: evidence))
        await state.restartQuietPeriod(pool: pool) { [clock, quietPeriod, now, state] in
            do {
                try await clock.sleep(for: quietPeriod)
            } catch {
                return
            }
            await state.yield(CapacitySignal(
                pool: pool, condition: .recovered, source: .karpenterEvent, reason: "NoInsufficientCapacityEvents",
                observedAt: now(),
                evidence: "no \(Self.reason) or interruption event for pool \(pool) since \(observedAt.formatted(.iso8601))"))
        }
    }

    /// When an Event last happened: `lastTimestamp`, else `eventTime`, else its creation.
    static func lastSeen(_ event: JSONValue) -> Date? {
        let text = event["lastTimestamp"]?.stringValue ?? event["eventTime"]?.stringValue
            ?? event["metadata"]?["creationTimestamp"]?.stringValue
        guard let text else { return nil }
        return (try? Date.ISO8601FormatStyle().parse(text))
            ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
    }

    /// The pool of a NodeClaim: its label, else the message, else its generated name.
    public func pool(ofNodeClaim claim: String, message: String) async -> String? {
        let path = ResourcePath(group: "karpenter.sh", version: "v1", resource: "nodeclaims", name: claim)
        if let object = try? await kubernetes.get(path), let pool = await pool(labelledOn: object) { return pool }
        if let pool = Self.pool(inMessage: message) { return pool }
        return Self.pool(ofGeneratedName: claim, knownPools: await currentPools())
    }

    /// The pool of an interrupted NodeClaim or Node: its labels, else (a NodeClaim) the message or its generated name.
    public func pool(ofInterrupted kind: String, name: String, message: String) async -> String? {
        guard kind == "Node" else { return await pool(ofNodeClaim: name, message: message) }
        let path = ResourcePath(group: "", version: "v1", resource: "nodes", name: name)
        guard let object = try? await kubernetes.get(path) else { return nil }
        return await pool(labelledOn: object)
    }

    /// The pool an object's labels name: the pool label, else its NodePool, which for a pool rendered as one
    /// NodePool per capacity kind (`<pool>-<kind>`) is mapped back to the pool.
    private func pool(labelledOn object: JSONValue) async -> String? {
        let labels = object["metadata"]?["labels"]
        if let pool = labels?[RenderLabels.pool]?.stringValue { return pool }
        guard let nodePool = labels?[RenderLabels.nodePool]?.stringValue else { return nil }
        let pools = await currentPools()
        if pools.contains(nodePool) || pools.isEmpty { return nodePool }
        for kind in CapacityType.allCases where nodePool.hasSuffix("-" + kind.rawValue) {
            let pool = String(nodePool.dropLast(kind.rawValue.count + 1))
            if pools.contains(pool) { return pool }
        }
        return nodePool
    }

    private func currentPools() async -> Set<String> {
        if let fleet, let current = try? await fleet.currentFleet() { Set(current.pools.map(\.name)) } else { knownPools }
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

/// What outlives one stream of a ``KarpenterEventObserver``: the stream signals go to, when the last one was
/// lost, and one pending "recovered" report per pool (a new shortage restarts it). A report made while no stream
/// is attached waits for the next.
actor KarpenterObserverState {
    private var continuation: AsyncStream<ObserverEvent>.Continuation?
    private var held: [ObserverEvent] = []
    private var timers: [String: Task<Void, Never>] = [:]
    private var interruptions: [String: [Date]] = [:]
    private(set) var lostAt: Date?

    func attach(_ continuation: AsyncStream<ObserverEvent>.Continuation) {
        self.continuation = continuation
        for event in held { continuation.yield(event) }
        held.removeAll()
    }

    /// Counts an interruption event in `pool` at `time`; returns how many it has seen within `window`, this one
    /// included.
    func interruption(in pool: String, at time: Date, window: TimeInterval) -> Int {
        var times = (interruptions[pool] ?? []).filter { time.timeIntervalSince($0) < window }
        times.append(time)
        interruptions[pool] = times
        return times.count
    }

    func detach(at time: Date) {
        continuation = nil
        lostAt = lostAt ?? time
    }

    /// The shortages recorded while no stream was attached have been reported.
    func caughtUp() {
        lostAt = nil
    }

    func yield(_ signal: CapacitySignal) {
        yield(.signal(signal))
    }

    func yield(_ event: ObserverEvent) {
        guard let continuation else {
            held.append(event)
            return
        }
        continuation.yield(event)
    }

    func restartQuietPeriod(pool: String, _ body: @escaping @Sendable () async -> Void) {
        timers[pool]?.cancel()
        timers[pool] = Task { await body() }
    }

    deinit {
        for timer in timers.values { timer.cancel() }
    }
}
