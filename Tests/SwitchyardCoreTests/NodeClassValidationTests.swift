import Foundation
@testable import SwitchyardCore
import Testing

@Suite("Fleet validation: pool node classes")
struct NodeClassValidationTests {
    static let managed = ManagedNodeClass(
        role: "KarpenterNodeRole-demo", subnetSelectorTerms: [.init(tags: ["karpenter.sh/discovery": "demo"])],
        securityGroupSelectorTerms: [.init(id: "sg-0123456789abcdef0")],
        blockDeviceMappings: [BlockDeviceMapping(deviceName: "/dev/xvda", rootVolume: true, ebs: .init(volumeSize: "200Gi"))])

    static func pool(_ nodeClass: PoolNodeClass?) -> CapacityPool {
        CapacityPool(name: "amd-neuron", instanceFamilies: ["inf2"], nodeClass: nodeClass)
    }

    static func fields(_ change: (inout ManagedNodeClass) -> Void) -> [String] {
        var nodeClass = managed
        change(&nodeClass)
        return FleetValidator.violations(of: pool(.managed(nodeClass))).map(\.field)
    }

    @Test("the demo's node classes, an existing one and none are valid")
    func validNodeClasses() {
        for nodeClass in DemoFleet.nodeClasses().values {
            #expect(FleetValidator.violations(of: Self.pool(nodeClass)).isEmpty, "\(nodeClass)")
        }
        #expect(FleetValidator.violations(of: Self.pool(.managed(Self.managed, name: "accelerated"))).isEmpty)
        #expect(FleetValidator.violations(of: Self.pool(.existing("default"))).isEmpty)
        #expect(FleetValidator.violations(of: Self.pool(nil)).isEmpty)
        #expect(FleetValidator.violations(of: DemoFleet.fleetWithNodeClasses()).isEmpty)
    }

    @Test("exactly one of role and instanceProfile, as the CRD's rule demands")
    func roleOrInstanceProfile() {
        #expect(Self.fields { $0.instanceProfile = "KarpenterNodeInstanceProfile-demo" } == ["nodeClass.instanceProfile"])
        #expect(Self.fields { $0.role = nil } == ["nodeClass.role"])
        #expect(Self.fields { $0.role = "has space" } == ["nodeClass.role"])
        #expect(Self.fields { $0.role = nil; $0.instanceProfile = String(repeating: "p", count: 129) } == ["nodeClass.instanceProfile"])
        let both = FleetValidator.violations(of: Self.pool(.managed(ManagedNodeClass(
            role: "r", instanceProfile: "p", subnetSelectorTerms: Self.managed.subnetSelectorTerms,
            securityGroupSelectorTerms: Self.managed.securityGroupSelectorTerms))))
        #expect(both.first?.message.contains("exactly one of role and instanceProfile") == true)
    }

    @Test(
        "AMI selector terms: an alias alone, of a supported family; ids and tags need amiFamily",
        arguments: [
            ([ManagedNodeClass.AMISelectorTerm(alias: "al2023@v20240807")], nil, [String]()),
            ([.init(alias: "bottlerocket@latest")], ManagedNodeClass.AMIFamily.bottlerocket, []),
            ([.init(alias: "al2023@latest")], .custom, []),
            ([.init(alias: "windows2022@latest")], nil, []),
            ([.init(id: "ami-0123456789abcdef0")], .al2023, []),
            ([.init(tags: ["team": "ml"]), .init(id: "ami-0abc")], .bottlerocket, []),
            ([], nil, ["nodeClass.amiSelectorTerms", "nodeClass.amiFamily"]),
            ([.init(alias: "al2023")], nil, ["nodeClass.amiSelectorTerms[0].alias"]),
            ([.init(alias: "ubuntu@latest")], nil, ["nodeClass.amiSelectorTerms[0].alias"]),
            ([.init(alias: "AL2023@latest")], nil, ["nodeClass.amiSelectorTerms[0].alias"]),
            ([.init(alias: "windows2019@2024.01")], nil, ["nodeClass.amiSelectorTerms[0].alias"]),
            ([.init(alias: "al2023@" + String(repeating: "1", count: 24))], nil, ["nodeClass.amiSelectorTerms[0].alias"]),
            ([.init(alias: "al2023@latest")], .bottlerocket, ["nodeClass.amiFamily"]),
            ([.init(alias: "al2023@latest"), .init(id: "ami-0abc")], nil, ["nodeClass.amiSelectorTerms[0].alias"]),
            ([.init(alias: "al2023@latest", id: "ami-0abc")], nil, ["nodeClass.amiSelectorTerms[0]"]),
            ([.init(id: "ami-0abc")], nil, ["nodeClass.amiFamily"]),
            ([.init(id: "ami-ABC")], .al2023, ["nodeClass.amiSelectorTerms[0].id"]),
            ([.init(tags: [:])], .al2023, ["nodeClass.amiSelectorTerms[0].tags"]),
            ([.init(tags: ["team": ""])], .al2023, ["nodeClass.amiSelectorTerms[0].tags[team]"]),
        ] as [([ManagedNodeClass.AMISelectorTerm], ManagedNodeClass.AMIFamily?, [String])])
    func amiSelection(terms: [ManagedNodeClass.AMISelectorTerm], family: ManagedNodeClass.AMIFamily?, expected: [String]) {
        #expect(Self.fields { $0.amiSelectorTerms = terms; $0.amiFamily = family } == expected)
    }

    @Test("subnet and security group terms: 1 to 30, each an id of its kind or tags")
    func selectorTerms() {
        #expect(Self.fields { $0.subnetSelectorTerms = [] } == ["nodeClass.subnetSelectorTerms"])
        #expect(Self.fields { $0.subnetSelectorTerms = [.init(id: "sg-0123")] } == ["nodeClass.subnetSelectorTerms[0].id"])
        #expect(Self.fields { $0.subnetSelectorTerms = [.init(id: "subnet-0123", tags: ["a": "b"])] } == ["nodeClass.subnetSelectorTerms[0]"])
        #expect(Self.fields { $0.subnetSelectorTerms = [.init()] } == ["nodeClass.subnetSelectorTerms[0]"])
        #expect(Self.fields { $0.securityGroupSelectorTerms = Array(repeating: .init(id: "sg-1"), count: 31) } == ["nodeClass.securityGroupSelectorTerms"])
        #expect(
            Self.fields { $0.securityGroupSelectorTerms = [.init(tags: Dictionary(uniqueKeysWithValues: (0..<21).map { ("k\($0)", "v") }))] }
                == ["nodeClass.securityGroupSelectorTerms[0].tags"])
    }

    @Test("block devices: a size the CRD takes (or a snapshot), one root volume, distinct devices, EBS bounds")
    func blockDevices() {
        func mapping(_ ebs: BlockDeviceMapping.EBSVolume, device: String = "/dev/xvdb", root: Bool? = nil) -> BlockDeviceMapping {
            BlockDeviceMapping(deviceName: device, rootVolume: root, ebs: ebs)
        }
        #expect(Self.fields { $0.blockDeviceMappings.append(mapping(.init(volumeSize: "1Ti", iops: 3000, throughput: 250))) } == [])
        #expect(Self.fields { $0.blockDeviceMappings.append(mapping(.init(snapshotID: "snap-0123456789abcdef0"))) } == [])
        #expect(Self.fields { $0.blockDeviceMappings.append(mapping(.init())) } == ["nodeClass.blockDeviceMappings[1].ebs.volumeSize"])
        #expect(Self.fields { $0.blockDeviceMappings.append(mapping(.init(volumeSize: "200GB"))) } == ["nodeClass.blockDeviceMappings[1].ebs.volumeSize"])
        #expect(Self.fields { $0.blockDeviceMappings.append(mapping(.init(volumeSize: "20Gi"), root: true)) } == ["nodeClass.blockDeviceMappings"])
        #expect(Self.fields { $0.blockDeviceMappings.append(mapping(.init(volumeSize: "20Gi"), device: "/dev/xvda")) } == ["nodeClass.blockDeviceMappings[1].deviceName"])
        #expect(Self.fields { $0.blockDeviceMappings.append(mapping(.init(volumeSize: "20Gi"), device: "")) } == ["nodeClass.blockDeviceMappings[1].deviceName"])
        #expect(
            Self.fields { $0.blockDeviceMappings.append(mapping(.init(volumeSize: "20Gi", iops: 50, throughput: 5_000, snapshotID: "vol-1"))) }
                == ["nodeClass.blockDeviceMappings[1].ebs.iops", "nodeClass.blockDeviceMappings[1].ebs.throughput", "nodeClass.blockDeviceMappings[1].ebs.snapshotID"])
    }

    /// The EC2NodeClass CRD's `volumeSize` pattern, verbatim; its Ti alternative also matches a bare `Ti`, which is no size.
    static let crdVolumeSize =
        #"^((?:[1-9][0-9]{0,3}|[1-4][0-9]{4}|[5][0-8][0-9]{3}|59000)Gi|(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|[6][0-3][0-9]{3}|64000)G|([1-9]||[1-5][0-7]|58)Ti|([1-9]||[1-5][0-9]|6[0-3]|64)T)$"#

    @Test("volume sizes are exactly what the CRD's pattern takes, less a unit without a number", arguments: ["Gi", "G", "Ti", "T", "Mi", ""])
    func volumeSizesMatchTheCRD(unit: String) throws {
        let pattern = try Regex(Self.crdVolumeSize)
        let boundaries = [9_999, 10_000, 49_999, 50_000, 58_999, 59_000, 59_001, 63_999, 64_000, 64_001, 99_999, 100_000]
        for number in ["0", "00", "01", "007"] + (Array(1...300) + boundaries).map(String.init) {
            let size = number + unit
            #expect(FleetValidator.isVolumeSize(size) == (size.wholeMatch(of: pattern) != nil), "\(size)")
        }
    }

    @Test("tags Karpenter and EKS set themselves are refused")
    func restrictedTags() {
        #expect(Self.fields { $0.tags = ["team": "ml", "": "x"] } == ["nodeClass.tags[]"])
        #expect(Self.fields { $0.tags = ["kubernetes.io/cluster/demo": "owned"] } == ["nodeClass.tags[kubernetes.io/cluster/demo]"])
        #expect(Self.fields { $0.tags = ["karpenter.sh/nodepool": "x", "eks:eks-cluster-name": "y"] }
            == ["nodeClass.tags[eks:eks-cluster-name]", "nodeClass.tags[karpenter.sh/nodepool]"])
    }

    @Test("names: the existing node class's and a managed one's follow the name rule")
    func names() {
        #expect(FleetValidator.violations(of: Self.pool(.existing("Default"))).map(\.field) == ["nodeClass.existing"])
        #expect(FleetValidator.violations(of: Self.pool(.managed(Self.managed, name: ""))).map(\.field) == ["nodeClass.name"])
    }

    @Test("a fleet document: one pool manages a node class, the others reference it")
    func oneManagerPerName() {
        var fleet = DemoFleet.fleetWithNodeClasses()
        fleet.pools.append(CapacityPool(name: "gpu-nodes", gpuNames: ["l4"], nodeClass: .managed(Self.managed)))
        fleet.pools.append(CapacityPool(name: "spot-gpu", gpuNames: ["l4"], nodeClass: .managed(Self.managed, name: "amd-neuron")))
        fleet.pools.append(CapacityPool(name: "more-gpu", gpuNames: ["l4"], nodeClass: .existing("gpu-nodes")))
        let violations = FleetValidator.violations(of: fleet)
        #expect(violations.map(\.field) == ["pools[2].nodeClass", "pools[3].nodeClass.name"])
        #expect(violations.first?.message == "pool amd-nvidia already manages node class gpu-nodes; reference it with existing: gpu-nodes")
    }

    @Test("as JSON: {existing: NAME}, or the managed fields with an optional name and the documented defaults")
    func json() throws {
        let existing = try JSONDecoder().decode(PoolNodeClass.self, from: Data(#"{"existing":"default"}"#.utf8))
        #expect(existing == .existing("default"))
        let managed = try JSONDecoder().decode(PoolNodeClass.self, from: Data(#"""
            {"name": "gpu", "role": "r", "subnetSelectorTerms": [{"id": "subnet-1"}], "securityGroupSelectorTerms": [{"tags": {"a": "b"}}],
             "blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"volumeSize": "100Gi"}}]}
            """#.utf8))
        guard case .managed(let nodeClass, let name) = managed else {
            Issue.record("not managed: \(managed)")
            return
        }
        #expect(name == "gpu")
        #expect(nodeClass.amiSelectorTerms == [.init(alias: "al2023@latest")])
        #expect(nodeClass.blockDeviceMappings.first?.ebs == .init(volumeSize: "100Gi", volumeType: .gp3, encrypted: true))
        #expect(try JSONDecoder().decode(PoolNodeClass.self, from: JSONEncoder().encode(managed)) == managed)
        #expect(try JSONDecoder().decode(PoolNodeClass.self, from: JSONEncoder().encode(existing)) == existing)
        let pool = try JSONDecoder().decode(CapacityPool.self, from: JSONEncoder().encode(Self.pool(managed)))
        #expect(pool.nodeClass == managed)
        #expect(try JSONDecoder().decode(CapacityPool.self, from: Data(#"{"name":"p"}"#.utf8)).nodeClass == nil)

        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PoolNodeClass.self, from: Data(#"{"existing":"default","role":"r"}"#.utf8))
        }
    }
}
