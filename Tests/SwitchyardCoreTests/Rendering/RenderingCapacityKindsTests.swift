import SwitchyardCore
import Testing

@Suite("Rendering: capacity kinds")
struct RenderingCapacityKindsTests {
    static let reservation = CapacityReservation(id: "cr-0123456789abcdef0", instanceCount: 2)

    /// The fixtures with `amd-neuron` launching every kind from its own node class and holding a reservation of two;
    /// `sd21-inf2` pinned to spot, `sd21-trn1` allowing on-demand and spot without pinning.
    static func rendered() -> RenderedManifests {
        var input = RenderingFixtures.input()
        input.pools = RenderingFixtures.pools.map { pool in
            guard pool.name == "amd-neuron" else { return pool }
            var pool = pool
            pool.capacityTypes = [.onDemand, .spot, .reserved]
            pool.reservation = reservation
            pool.weight = 50
            pool.nodeClass = DemoFleet.nodeClasses()["amd-neuron"]
            return pool
        }
        input.units = input.units.map { unit in
            var unit = unit
            if unit.name == "sd21-inf2" {
                unit.capacityType = .spot
                unit.capacityTypes = [.spot]
                unit.pinCapacityType = true
            }
            if unit.name == "sd21-trn1" { unit.capacityTypes = [.onDemand, .spot] }
            return unit
        }
        return ManifestRenderer().render(input)
    }

    @Test("a pool with a reservation is one NodePool per kind, weighted reserved > spot > on-demand")
    func splitNodePools() throws {
        let pools = Self.rendered().nodePools
        let neuron = pools.filter { $0.metadata.name.hasPrefix("amd-neuron") }
        #expect(neuron.map(\.metadata.name) == ["amd-neuron-reserved", "amd-neuron-spot", "amd-neuron-on-demand"])
        #expect(neuron.map(\.spec.weight) == [50, 49, 48])
        for pool in neuron {
            let kinds = pool.spec.template.spec.requirements.first { $0.key == "karpenter.sh/capacity-type" }?.values
            #expect(kinds == [String(pool.metadata.name.dropFirst("amd-neuron-".count))])
            #expect(pool.spec.template.metadata?.labels?[RenderLabels.pool] == "amd-neuron")
            #expect((1...100).contains(pool.spec.weight ?? 0))
        }
        let reserved = try #require(neuron.first)
        #expect(reserved.spec.limits?["nodes"] == "2")
        // A pool without a reservation or a pinned unit stays one NodePool listing its kinds.
        let nvidia = try #require(pools.first { $0.metadata.name == "amd-nvidia" })
        #expect(nvidia.spec.template.spec.requirements.first { $0.key == "karpenter.sh/capacity-type" }?.values == ["on-demand", "spot"])
    }

    @Test("the pool's managed node class selects its reservation")
    func reservationSelector() throws {
        let nodeClass = try #require(Self.rendered().nodeClasses.first { $0.metadata.name == "amd-neuron" })
        #expect(nodeClass.spec.capacityReservationSelectorTerms == [EC2NodeClass.CapacityReservationSelectorTerm(id: "cr-0123456789abcdef0")])
    }

    @Test("a pinned unit's pods select its kind; an unpinned one in a split pool is warned about")
    func pinnedDeployments() throws {
        let rendered = Self.rendered()
        let inf2 = try #require(rendered.deployments.first { $0.metadata.name == "sd21-inf2" })
        #expect(inf2.spec.template.spec.nodeSelector == ["switchyard.dev/pool": "amd-neuron", "karpenter.sh/capacity-type": "spot"])
        let trn1 = try #require(rendered.deployments.first { $0.metadata.name == "sd21-trn1" })
        #expect(trn1.spec.template.spec.nodeSelector == ["switchyard.dev/pool": "amd-neuron"])
        #expect(rendered.warnings.contains { $0.kind == .unpinnedCapacityKinds && $0.subject == "sd21-trn1" })
        let g5 = try #require(rendered.deployments.first { $0.metadata.name == "sd21-g5-triton" })
        #expect(g5.spec.template.spec.nodeSelector == ["karpenter.sh/nodepool": "amd-nvidia"])
    }

    @Test("a model's objects include every NodePool of its split pools")
    func objectsForModel() {
        let names = Self.rendered().objects(forModel: "sd21").compactMap { object -> String? in
            guard case .nodePool(let pool) = object else { return nil }
            return pool.metadata.name
        }
        #expect(names.sorted() == ["amd-neuron-on-demand", "amd-neuron-reserved", "amd-neuron-spot", "amd-nvidia"])
    }

    @Test("a reservation in a pool whose node class Switchyard does not render is warned about")
    func unmanagedReservation() {
        var input = RenderingFixtures.input()
        input.pools[0].capacityTypes = [.onDemand, .reserved]
        input.pools[0].reservation = Self.reservation
        let rendered = ManifestRenderer().render(input)
        #expect(rendered.warnings.contains { $0.kind == .unmanagedReservation && $0.subject == "amd-neuron" })
    }
}
