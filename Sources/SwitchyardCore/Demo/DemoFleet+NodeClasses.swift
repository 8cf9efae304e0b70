extension DemoFleet {
    /// The demo fleet on a cluster set up as Karpenter's getting-started guide does (node role
    /// `KarpenterNodeRole-CLUSTER`, subnets and security groups tagged `karpenter.sh/discovery: CLUSTER`), each pool
    /// with an EC2NodeClass Switchyard manages, so a fresh cluster gets every object its NodePools reference.
    ///
    /// `amd-neuron` manages `amd-neuron`: the node role, AL2023, and a 200Gi encrypted gp3 root volume for model
    /// weights. `amd-nvidia` manages `gpu-nodes`: an instance profile, subnets and a security group by id, and 500Gi.
    public static func fleetWithNodeClasses(cluster: String = "switchyard-demo") -> Fleet {
        var fleet = fleet
        for index in fleet.pools.indices {
            fleet.pools[index].nodeClass = nodeClasses(cluster: cluster)[fleet.pools[index].name]
        }
        return fleet
    }

    /// The node class of each demo pool in `fleetWithNodeClasses`, by pool name.
    public static func nodeClasses(cluster: String = "switchyard-demo") -> [String: PoolNodeClass] {
        let discovery = ["karpenter.sh/discovery": cluster]
        return [
            "amd-neuron": .managed(ManagedNodeClass(
                role: "KarpenterNodeRole-\(cluster)",
                subnetSelectorTerms: [.init(tags: discovery)], securityGroupSelectorTerms: [.init(tags: discovery)],
                blockDeviceMappings: [rootVolume("200Gi")], tags: ["switchyard.dev/pool": "amd-neuron"])),
            "amd-nvidia": .managed(ManagedNodeClass(
                instanceProfile: "KarpenterNodeInstanceProfile-\(cluster)",
                subnetSelectorTerms: [.init(id: "subnet-0a1b2c3d4e5f60718"), .init(id: "subnet-0f1e2d3c4b5a69788")],
                securityGroupSelectorTerms: [.init(id: "sg-0123456789abcdef0")],
                blockDeviceMappings: [rootVolume("500Gi")], tags: ["switchyard.dev/pool": "amd-nvidia"]), name: "gpu-nodes"),
        ]
    }

    /// AL2023's root device, large enough for a model's weights.
    private static func rootVolume(_ size: String) -> BlockDeviceMapping {
        BlockDeviceMapping(deviceName: "/dev/xvda", rootVolume: true, ebs: .init(volumeSize: size, volumeType: .gp3, encrypted: true))
    }
}
