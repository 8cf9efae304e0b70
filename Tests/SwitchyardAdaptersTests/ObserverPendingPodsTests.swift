import Foundation
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes
import Testing

@Suite("Pending pods observer")
struct ObserverPendingPodsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func pod(_ name: String, unit: String, phase: String, createdSecondsAgo: TimeInterval) -> JSONValue {
        .object([
            .init("apiVersion", .string("v1")), .init("kind", .string("Pod")),
            .init("metadata", .object([
                .init("name", .string(name)), .init("namespace", .string("sd21")),
                .init("creationTimestamp", .string(now.addingTimeInterval(-createdSecondsAgo).formatted(.iso8601))),
                .init("labels", .object([
                    .init(RenderLabels.model, .string("sd21")), .init(RenderLabels.unit, .string(unit)),
                ])),
            ])),
            .init("status", .object([.init("phase", .string(phase))])),
        ])
    }

    static let pods = ResourcePath(group: "", version: "v1", resource: "pods", namespace: "sd21")

    @Test("a pod pending past the threshold makes its unit's pool short; other pools and young pods do not")
    func pendingPastThreshold() async throws {
        let kubernetes = InMemoryKubernetes()
        let units = DemoFleet.units
        let observer = PendingPodsObserver(
            kubernetes: kubernetes, workloads: units.map(PendingPodsObserver.Workload.init), threshold: 120,
            now: { Self.now })
        try await kubernetes.store.put(Self.pod("inf2-a", unit: "sd21-inf2", phase: "Pending", createdSecondsAgo: 300), at: Self.pods.named("inf2-a"))
        try await kubernetes.store.put(Self.pod("g5-a", unit: "sd21-g5-triton", phase: "Pending", createdSecondsAgo: 30), at: Self.pods.named("g5-a"))
        try await kubernetes.store.put(Self.pod("g6-a", unit: "sd21-g6-triton", phase: "Running", createdSecondsAgo: 900), at: Self.pods.named("g6-a"))

        let signals = try await observer.observe()

        #expect(signals.map(\.pool) == ["amd-neuron", "amd-nvidia"])
        #expect(signals.first?.condition == .short)
        #expect(signals.first?.evidence.contains("sd21/inf2-a") == true)
        #expect(signals.last?.condition == .recovered)

        // Scheduled at last: the pool has recovered.
        try await kubernetes.store.put(Self.pod("inf2-a", unit: "sd21-inf2", phase: "Running", createdSecondsAgo: 300), at: Self.pods.named("inf2-a"))
        #expect(try await observer.observe().first?.condition == .recovered)
    }

    @Test("observers built from a fleet view watch the units and pools registered after they started")
    func fleetRegisteredLater() async throws {
        let kubernetes = InMemoryKubernetes()
        let fleet = ChangingFleet()
        let settings = CapacityObserverSettings(pendingPods: .init(thresholdSeconds: 120))
        let observer = try #require(
            settings.observers(fleet: fleet, kubernetes: kubernetes).first as? PendingPodsObserver)
        try await kubernetes.store.put(Self.pod("inf2-a", unit: "sd21-inf2", phase: "Pending", createdSecondsAgo: 300), at: Self.pods.named("inf2-a"))
        let pending = PendingPodsObserver(kubernetes: kubernetes, fleet: fleet, threshold: 120, now: { Self.now })

        #expect(try await observer.observe().isEmpty, "an empty fleet has nothing to watch")
        await fleet.set(DemoFleet.fleet)
        #expect(Set(try await observer.observe().map(\.pool)) == Set(DemoFleet.fleet.pools.map(\.name)))
        let signals = try await pending.observe()
        #expect(signals.first { $0.pool == "amd-neuron" }?.condition == .short)
        #expect(Set(signals.map(\.pool)) == Set(DemoFleet.fleet.pools.map(\.name)))
    }
}

/// A fleet registered while observers run.
actor ChangingFleet: FleetView {
    private var fleet = Fleet()

    func set(_ fleet: Fleet) {
        self.fleet = fleet
    }

    func currentFleet() async throws -> Fleet { fleet }
}
