import Foundation
import Logging
import ServiceLifecycle
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// Counts the node-hours each pool's spot nodes run, per instance family, for the learned interruption rates: every
/// `interval` the leader lists the Nodes labelled `karpenter.sh/capacity-type=spot` and adds their count × the time
/// since the last count. A Node's pool is its `switchyard.dev/pool` label, else its NodePool (`<pool>-spot` mapped
/// back); its family, the prefix of its `node.kubernetes.io/instance-type`. A failed list is logged and the next
/// one tries again; time is never counted twice nor for more than two intervals at once.
public struct SpotExposureTracker: ServiceLifecycle.Service, Sendable {
    static let instanceTypeLabel = "node.kubernetes.io/instance-type"

    let kubernetes: any KubernetesAPI
    let store: any SpotObservationStore
    let leadership: any Leadership
    let interval: Duration
    let logger: Logger

    public init(
        kubernetes: any KubernetesAPI, store: any SpotObservationStore, leadership: any Leadership,
        interval: Duration = .seconds(60), logger: Logger = Logger(label: "switchyard.spot-exposure")
    ) {
        self.kubernetes = kubernetes
        self.store = store
        self.leadership = leadership
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        var last = ContinuousClock.now
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            let now = ContinuousClock.now
            let elapsed = min(now - last, interval * 2)
            last = now
            guard await leadership.isLeader else { continue }
            do {
                try await count(over: elapsed)
            } catch {
                logger.warning("counting spot nodes failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Lists the spot Nodes and adds `elapsed` of node-time for each.
    public func count(over elapsed: Duration) async throws {
        let nodes = try await kubernetes.list(
            ResourcePath(group: "", version: "v1", resource: "nodes"),
            labelSelector: "\(RenderLabels.capacityType)=\(CapacityType.spot.rawValue)")
        let hours = Double(elapsed.components.seconds) / 3600 + Double(elapsed.components.attoseconds) / 3.6e21
        var counts: [SpotObservation] = []
        for node in nodes.items {
            let labels = node["metadata"]?["labels"]
            guard let pool = labels?[RenderLabels.pool]?.stringValue
                    ?? labels?[RenderLabels.nodePool]?.stringValue.map(Self.pool(ofNodePool:)),
                  let instanceType = labels?[Self.instanceTypeLabel]?.stringValue
            else { continue }
            let family = SpotObservation.family(ofInstanceType: instanceType)
            if let index = counts.firstIndex(where: { $0.pool == pool && $0.family == family }) {
                counts[index].nodeHours += hours
            } else {
                counts.append(SpotObservation(pool: pool, family: family, nodeHours: hours))
            }
        }
        guard !counts.isEmpty else { return }
        try await store.addSpotNodeHours(counts)
    }

    /// A NodePool's pool: `<pool>-spot` is one of a pool's per-kind NodePools.
    static func pool(ofNodePool name: String) -> String {
        let suffix = "-" + CapacityType.spot.rawValue
        return name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
    }
}
