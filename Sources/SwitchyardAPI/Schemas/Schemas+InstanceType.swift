import SwitchyardCore

// Instance types between the domain and the API, field by field; left-out fields keep the domain's defaults.

extension Components.Schemas.InstanceType {
    init(_ type: SwitchyardCore.InstanceType) throws {
        self.init(
            name: type.name, family: type.family, accelerator: .init(type.accelerator), deviceResource: type.deviceResource,
            vcpu: type.vcpu, memoryGiB: type.memoryGiB, arch: try SchemaEnum.convert(type.arch),
            prices: try type.prices.map { try .init($0) })
    }
}

extension SwitchyardCore.InstanceType {
    init(_ type: Components.Schemas.InstanceType) throws {
        self.init(
            name: type.name, family: type.family, accelerator: .init(type.accelerator), deviceResource: type.deviceResource,
            vcpu: type.vcpu, memoryGiB: type.memoryGiB, prices: try (type.prices ?? []).map { try .init($0) })
        if let arch = type.arch { self.arch = try SchemaEnum.convert(arch) }
    }
}

extension Components.Schemas.Accelerator {
    init(_ accelerator: SwitchyardCore.Accelerator) {
        self.init(vendor: accelerator.vendor, name: accelerator.name, count: accelerator.count, memoryGiB: accelerator.memoryGiB)
    }
}

extension SwitchyardCore.Accelerator {
    init(_ accelerator: Components.Schemas.Accelerator) {
        self.init(vendor: accelerator.vendor, name: accelerator.name, count: accelerator.count, memoryGiB: accelerator.memoryGiB)
    }
}

extension Components.Schemas.InstancePrice {
    init(_ price: SwitchyardCore.InstancePrice) throws {
        self.init(region: price.region, capacityType: try SchemaEnum.convert(price.capacityType), hourlyUSD: price.hourlyUSD)
    }
}

extension SwitchyardCore.InstancePrice {
    init(_ price: Components.Schemas.InstancePrice) throws {
        self.init(region: price.region, capacityType: try SchemaEnum.convert(price.capacityType), hourlyUSD: price.hourlyUSD)
    }
}
