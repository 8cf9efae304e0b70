import SwitchyardCore

// Capacity pools and their node classes between the domain and the API, field by field; left-out fields keep the
// domain's defaults.

extension Components.Schemas.CapacityPool {
    init(_ pool: SwitchyardCore.CapacityPool) throws {
        self.init(
            name: pool.name, instanceFamilies: pool.instanceFamilies, gpuNames: pool.gpuNames,
            capacityTypes: try pool.capacityTypes.map { try SchemaEnum.convert($0) },
            reservation: pool.reservation.map { .init(id: $0.id, instanceCount: $0.instanceCount) },
            spotInterruptionRates: .init(additionalProperties: pool.spotInterruptionRates),
            arch: try pool.arch.map { try SchemaEnum.convert($0) },
            limits: .init(
                cpu: pool.limits.cpu, memoryGiB: pool.limits.memoryGiB, accelerators: pool.limits.accelerators,
                nodes: pool.limits.nodes),
            weight: pool.weight,
            taints: try pool.taints.map { .init(key: $0.key, value: $0.value, effect: try SchemaEnum.convert($0.effect)) },
            consolidation: .init(
                policy: try SchemaEnum.convert(pool.consolidation.policy),
                consolidateAfter: pool.consolidation.consolidateAfter),
            nodeClass: try pool.nodeClass.map { try .init($0) })
    }
}

extension SwitchyardCore.CapacityPool {
    init(_ pool: Components.Schemas.CapacityPool) throws {
        self.init(name: pool.name, weight: pool.weight, nodeClass: try pool.nodeClass.map { try .init($0) })
        if let families = pool.instanceFamilies { instanceFamilies = families }
        if let names = pool.gpuNames { gpuNames = names }
        if let types = pool.capacityTypes { capacityTypes = try types.map { try SchemaEnum.convert($0) } }
        reservation = pool.reservation.map { CapacityReservation(id: $0.id, instanceCount: $0.instanceCount) }
        if let rates = pool.spotInterruptionRates { spotInterruptionRates = rates.additionalProperties }
        if let arch = pool.arch { self.arch = try arch.map { try SchemaEnum.convert($0) } }
        if let limits = pool.limits {
            self.limits = PoolLimits(
                cpu: limits.cpu, memoryGiB: limits.memoryGiB, accelerators: limits.accelerators, nodes: limits.nodes)
        }
        if let taints = pool.taints {
            self.taints = try taints.map { Taint(key: $0.key, value: $0.value, effect: try SchemaEnum.convert($0.effect)) }
        }
        if let consolidation = pool.consolidation {
            if let policy = consolidation.policy { self.consolidation.policy = try SchemaEnum.convert(policy) }
            if let after = consolidation.consolidateAfter { self.consolidation.consolidateAfter = after }
        }
    }
}

extension Components.Schemas.PoolNodeClass {
    init(_ nodeClass: SwitchyardCore.PoolNodeClass) throws {
        switch nodeClass {
        case .existing(let name): self = .ExistingNodeClass(.init(existing: name))
        case .managed(let managed, let name): self = .ManagedNodeClass(try .init(managed, name: name))
        }
    }
}

extension SwitchyardCore.PoolNodeClass {
    init(_ nodeClass: Components.Schemas.PoolNodeClass) throws {
        switch nodeClass {
        case .ExistingNodeClass(let existing): self = .existing(existing.existing)
        case .ManagedNodeClass(let managed): self = .managed(try .init(managed), name: managed.name)
        }
    }
}

extension Components.Schemas.ManagedNodeClass {
    init(_ nodeClass: SwitchyardCore.ManagedNodeClass, name: String?) throws {
        self.init(
            name: name, role: nodeClass.role, instanceProfile: nodeClass.instanceProfile,
            amiFamily: try nodeClass.amiFamily.map { try SchemaEnum.convert($0) },
            amiSelectorTerms: nodeClass.amiSelectorTerms.map {
                .init(alias: $0.alias, id: $0.id, tags: $0.tags.map { .init(additionalProperties: $0) })
            },
            subnetSelectorTerms: nodeClass.subnetSelectorTerms.map { .init($0) },
            securityGroupSelectorTerms: nodeClass.securityGroupSelectorTerms.map { .init($0) },
            blockDeviceMappings: try nodeClass.blockDeviceMappings.map { try .init($0) },
            tags: .init(additionalProperties: nodeClass.tags))
    }
}

extension SwitchyardCore.ManagedNodeClass {
    init(_ nodeClass: Components.Schemas.ManagedNodeClass) throws {
        self.init(
            role: nodeClass.role, instanceProfile: nodeClass.instanceProfile,
            amiFamily: try nodeClass.amiFamily.map { try SchemaEnum.convert($0) },
            subnetSelectorTerms: nodeClass.subnetSelectorTerms.map { .init($0) },
            securityGroupSelectorTerms: nodeClass.securityGroupSelectorTerms.map { .init($0) },
            blockDeviceMappings: try (nodeClass.blockDeviceMappings ?? []).map { try .init($0) },
            tags: nodeClass.tags?.additionalProperties ?? [:])
        if let terms = nodeClass.amiSelectorTerms {
            amiSelectorTerms = terms.map { .init(alias: $0.alias, id: $0.id, tags: $0.tags?.additionalProperties) }
        }
    }
}

extension Components.Schemas.SelectorTerm {
    init(_ term: SwitchyardCore.ManagedNodeClass.SelectorTerm) {
        self.init(id: term.id, tags: term.tags.map { .init(additionalProperties: $0) })
    }
}

extension SwitchyardCore.ManagedNodeClass.SelectorTerm {
    init(_ term: Components.Schemas.SelectorTerm) {
        self.init(id: term.id, tags: term.tags?.additionalProperties)
    }
}

extension Components.Schemas.BlockDeviceMapping {
    init(_ mapping: SwitchyardCore.BlockDeviceMapping) throws {
        let ebs = mapping.ebs
        self.init(
            deviceName: mapping.deviceName, rootVolume: mapping.rootVolume,
            ebs: .init(
                volumeSize: ebs.volumeSize, volumeType: try SchemaEnum.convert(ebs.volumeType), encrypted: ebs.encrypted,
                deleteOnTermination: ebs.deleteOnTermination, iops: ebs.iops, throughput: ebs.throughput,
                kmsKeyID: ebs.kmsKeyID, snapshotID: ebs.snapshotID))
    }
}

extension SwitchyardCore.BlockDeviceMapping {
    init(_ mapping: Components.Schemas.BlockDeviceMapping) throws {
        let ebs = mapping.ebs
        var volume = EBSVolume(
            volumeSize: ebs.volumeSize, deleteOnTermination: ebs.deleteOnTermination, iops: ebs.iops,
            throughput: ebs.throughput, kmsKeyID: ebs.kmsKeyID, snapshotID: ebs.snapshotID)
        if let type = ebs.volumeType { volume.volumeType = try SchemaEnum.convert(type) }
        if let encrypted = ebs.encrypted { volume.encrypted = encrypted }
        self.init(deviceName: mapping.deviceName, rootVolume: mapping.rootVolume, ebs: volume)
    }
}
