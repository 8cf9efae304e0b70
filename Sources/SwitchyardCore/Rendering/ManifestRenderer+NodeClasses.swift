extension ManifestRenderer {
    /// The EC2NodeClasses Switchyard manages, in name order: each pool's own, and the settings' default when a
    /// pool without a node class of its own references it.
    ///
    /// A name managed twice with the same spec is rendered once; with different specs, the default's (then the
    /// first pool's by name) is rendered and the other reported. The store refuses two pools that manage one name.
    func ec2NodeClasses(_ pools: [CapacityPool], settings: RenderSettings, warnings: inout [RenderWarning]) -> [EC2NodeClass] {
        var managed: [(name: String, spec: ManagedNodeClass, owner: String)] = []
        if let fallback = settings.nodeClass.managed, pools.contains(where: { $0.nodeClass == nil }) {
            managed.append((settings.nodeClass.name, fallback, "the default node class"))
        }
        for pool in pools.sorted(by: { $0.name < $1.name }) {
            guard case .managed(let spec, let name) = pool.nodeClass else { continue }
            managed.append((name ?? pool.name, spec, "pool \(pool.name)"))
        }
        var rendered: [String: (spec: ManagedNodeClass, owner: String)] = [:]
        for entry in managed {
            guard let first = rendered[entry.name] else {
                rendered[entry.name] = (entry.spec, entry.owner)
                continue
            }
            if first.spec != entry.spec {
                warnings.append(RenderWarning(
                    kind: .nodeClassConflict, subject: entry.name,
                    message: "\(entry.owner) manages node class \(entry.name) differently from \(first.owner); \(first.owner)'s is rendered"))
            }
        }
        return rendered.keys.sorted().compactMap { name in
            rendered[name].map { entry in
                var nodeClass = ec2NodeClass(named: name, entry.spec)
                let terms = capacityReservationTerms(forNodeClass: name, pools: pools, settings: settings)
                nodeClass.spec.capacityReservationSelectorTerms = terms.isEmpty ? nil : terms
                return nodeClass
            }
        }
    }

    /// The name of the EC2NodeClass a pool's NodePool references.
    static func nodeClassName(of pool: CapacityPool, settings: RenderSettings) -> String {
        pool.nodeClass?.className(forPool: pool.name) ?? settings.nodeClass.name
    }

    func ec2NodeClass(named name: String, _ managed: ManagedNodeClass) -> EC2NodeClass {
        EC2NodeClass(
            metadata: ObjectMeta(name: name, labels: [RenderLabels.managedBy: RenderLabels.managedByValue]),
            spec: EC2NodeClass.Spec(
                role: managed.role,
                instanceProfile: managed.instanceProfile,
                amiFamily: managed.amiFamily?.rawValue,
                amiSelectorTerms: managed.amiSelectorTerms.map { EC2NodeClass.AMISelectorTerm(alias: $0.alias, id: $0.id, tags: $0.tags) },
                subnetSelectorTerms: managed.subnetSelectorTerms.map { EC2NodeClass.SelectorTerm(id: $0.id, tags: $0.tags) },
                securityGroupSelectorTerms: managed.securityGroupSelectorTerms.map { EC2NodeClass.SelectorTerm(id: $0.id, tags: $0.tags) },
                blockDeviceMappings: managed.blockDeviceMappings,
                tags: managed.tags
            )
        )
    }
}
