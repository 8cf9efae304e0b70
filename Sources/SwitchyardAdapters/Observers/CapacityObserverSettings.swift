import AsyncHTTPClient
import Foundation
import SwitchyardCore

/// Which capacity observers run, and how: each section present turns its observer on.
public struct CapacityObserverSettings: Codable, Sendable, Equatable {
    /// Karpenter `InsufficientCapacityError` events on NodeClaims.
    public var karpenterEvents: KarpenterEvents?
    /// Pods of the units' Deployments pending too long.
    public var pendingPods: PendingPods?
    /// A Prometheus query naming the pools that cannot grow.
    public var prometheus: Prometheus?

    public init(karpenterEvents: KarpenterEvents? = nil, pendingPods: PendingPods? = nil, prometheus: Prometheus? = nil) {
        self.karpenterEvents = karpenterEvents
        self.pendingPods = pendingPods
        self.prometheus = prometheus
    }

    public struct KarpenterEvents: Codable, Sendable, Equatable {
        /// Nil watches every namespace.
        public var namespace: String?
        public var quietPeriodSeconds: Int

        public init(namespace: String? = nil, quietPeriodSeconds: Int = 180) {
            self.namespace = namespace
            self.quietPeriodSeconds = quietPeriodSeconds
        }
    }

    public struct PendingPods: Codable, Sendable, Equatable {
        public var thresholdSeconds: Int
        public var intervalSeconds: Int

        public init(thresholdSeconds: Int = 120, intervalSeconds: Int = 15) {
            self.thresholdSeconds = thresholdSeconds
            self.intervalSeconds = intervalSeconds
        }
    }

    public struct Prometheus: Codable, Sendable, Equatable {
        /// e.g. `http://prometheus.monitoring:9090`.
        public var url: String
        public var query: String
        public var poolLabel: String
        public var intervalSeconds: Int

        public init(
            url: String, query: String = PrometheusCapacityObserver.defaultQuery, poolLabel: String = "nodepool",
            intervalSeconds: Int = 15
        ) {
            self.url = url
            self.query = query
            self.poolLabel = poolLabel
            self.intervalSeconds = intervalSeconds
        }
    }

    /// The observers these settings turn on. Each reads the pools and units it watches from `fleet` on every
    /// pass, so a fleet registered or changed after start is watched without a restart. The Kubernetes observers
    /// need `kubernetes`; without it they are left out.
    public func observers(
        fleet: any FleetView, kubernetes: (any KubernetesAPI)?, httpClient: HTTPClient = .shared
    ) -> [any CapacityObserver] {
        var observers: [any CapacityObserver] = []
        if let karpenterEvents, let kubernetes {
            observers.append(KarpenterEventObserver(
                kubernetes: kubernetes, namespace: karpenterEvents.namespace, fleet: fleet,
                quietPeriod: .seconds(karpenterEvents.quietPeriodSeconds)))
        }
        if let pendingPods, let kubernetes {
            observers.append(PendingPodsObserver(
                kubernetes: kubernetes, fleet: fleet, threshold: TimeInterval(pendingPods.thresholdSeconds),
                interval: .seconds(pendingPods.intervalSeconds)))
        }
        if let prometheus {
            observers.append(PrometheusCapacityObserver(
                client: PrometheusQueryClient(httpClient: httpClient, baseURL: prometheus.url), query: prometheus.query,
                poolLabel: prometheus.poolLabel, fleet: fleet, interval: .seconds(prometheus.intervalSeconds)))
        }
        return observers
    }
}
